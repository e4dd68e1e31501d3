import Foundation
import Yams

/// A configuration LedgerMail refuses. It names the key with its line (or the environment
/// variable) and the next step, never the value: the file holds passwords, and this text goes
/// to standard error, so into the journal under systemd.
struct MalformedConfiguration: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The configuration file read once with Yams before swift-configuration sees it: a YAML error
/// becomes a line and a problem (the parsers' own errors quote the lines around it), and every
/// key's line is known, so a bad value can be pointed at without being repeated.
struct ConfigurationFile {
    let url: URL
    /// `LEDGERMAIL_*` variables without their prefix (`SMTP_PASSWORD`).
    let environment: [String: String]
    /// Dotted key (`smtp.password`) → its line, from 1.
    private(set) var lines: [String: Int] = [:]

    init(url: URL, environment: [String: String]) throws(MalformedConfiguration) {
        self.url = url
        self.environment = environment
        let fm = FileManager.default
        guard fm.fileExists(atPath: url.path) else { return }
        guard let data = fm.contents(atPath: url.path) else {
            throw MalformedConfiguration("cannot read the configuration \(url.path): check that it is a file this user may read")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw MalformedConfiguration("the configuration \(url.path) is not UTF-8 text: save it as UTF-8")
        }
        let root: Node?
        do { root = try Parser(yaml: text).singleRoot() } catch {
            throw Self.explain(error, file: url.path)
        }
        guard let root else { return }
        guard case .mapping(let mapping) = root else {
            throw MalformedConfiguration("the configuration \(url.path) must be a list of `key: value` lines (see `ledgermail init`'s example)")
        }
        index(mapping, prefix: "")
    }

    private mutating func index(_ mapping: Node.Mapping, prefix: String) {
        for (key, value) in mapping {
            guard let name = key.string else { continue }
            let path = prefix + name
            if let line = key.mark?.line { lines[path] = line }
            if case .mapping(let inner) = value { index(inner, prefix: path + ".") }
        }
    }

    /// A warning when the file holds a password that group or others may read.
    func passwordExposure() -> String? {
        guard lines["smtp.password"] != nil || lines["imap.password"] != nil || lines["database.password"] != nil,
              let mode = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.posixPermissions] as? Int,
              mode & 0o077 != 0 else { return nil }
        return "the configuration \(url.path) holds a password and is readable by \(mode & 0o007 != 0 ? "every user" : "its group") (mode \(String(mode & 0o777, radix: 8))): chmod 600 it, or pass the password as LEDGERMAIL_SMTP_PASSWORD / LEDGERMAIL_IMAP_PASSWORD / LEDGERMAIL_DATABASE_PASSWORD"
    }

    /// Where a key's value came from, for an error: the environment variable that overrides it,
    /// or the key and its line in the file.
    func place(_ key: String) -> String {
        let variable = key.uppercased().replacingOccurrences(of: ".", with: "_")
        if environment[variable] != nil { return "LEDGERMAIL_\(variable) (environment)" }
        if let line = lines[key] { return "\(key) (\(url.path), line \(line))" }
        return key
    }

    /// libyaml's problems are fixed phrases ("found unknown escape character"), never the text
    /// around them; keys are named only when they are plain key names.
    static func explain(_ error: any Error, file: String) -> MalformedConfiguration {
        let quoting = "put a value holding ': ', ' #', a backslash, or starting with @ * & ! % ` { [ or a quote between single quotes ('…', with '' for a ')"
        switch error as? YamlError {
        case .scanner(_, let problem, let mark, _)?, .parser(_, let problem, let mark, _)?, .composer(_, let problem, let mark, _)?:
            return MalformedConfiguration("the configuration \(file) is not valid YAML at line \(mark.line), column \(mark.column) (\(problem)): \(quoting)")
        case .duplicatedKeysInMapping(let duplicates, let context)?:
            let names = duplicates.filter { $0.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "_") } }.sorted()
            let named = names.isEmpty ? "a key" : names.map { "'\($0)'" }.joined(separator: ", ")
            return MalformedConfiguration("the configuration \(file) has \(named) twice in the section starting at line \(context.mark.line): keep one")
        case .reader(_, let offset, _, let yaml)?:
            let line = offset.map { yaml.utf8.prefix($0).filter { $0 == UInt8(ascii: "\n") }.count + 1 }
            return MalformedConfiguration("the configuration \(file) has a character YAML does not allow\(line.map { " at line \($0)" } ?? ""): remove it")
        default:
            return MalformedConfiguration("the configuration \(file) cannot be read as YAML: check its syntax (\(quoting))")
        }
    }
}

/// `true|false|yes|no|on|off|1|0`, any case; anything else is refused rather than read as false.
enum BooleanSetting {
    static func parse(_ text: String) -> Bool? {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true", "yes", "on", "1": true
        case "false", "no", "off", "0": false
        default: nil
        }
    }
}
