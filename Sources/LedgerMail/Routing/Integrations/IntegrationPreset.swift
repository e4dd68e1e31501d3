import Configuration
import Foundation
import SystemPackage

/// How an accounting package's import mailboxes work (`config/integrations/NAME.yaml`): which
/// kinds it takes, one address for all or one per kind, the rule its addresses follow, the
/// attachments it wants and its size cap.
public struct IntegrationPreset: Sendable, Equatable {
    public enum Addressing: String, Sendable {
        case perKind = "per-kind"
        case oneForAll = "one-for-all"
    }

    public var name: String
    public var title: String
    public var kinds: [DocumentKind]
    public var addressing: Addressing
    public var rule: AddressRule
    public var attach: AttachPolicy
    public var maxSize: ByteSize?

    /// Reads one preset file.
    public static func load(_ file: URL) async throws -> IntegrationPreset {
        let name = file.deletingPathExtension().lastPathComponent
        let config = ConfigReader(provider: try await FileProvider<YAMLSnapshot>(filePath: FilePath(file.path)))
        func fail(_ what: String) -> InvalidInput { InvalidInput("integration preset \(file.path): \(what)") }
        guard let title = config.string(forKey: "title") else { throw fail("no title") }
        let kindNames = config.stringArray(forKey: "kinds") ?? []
        let kinds = try kindNames.map { text throws(InvalidInput) -> DocumentKind in
            guard let kind = DocumentKind(rawValue: text) else { throw fail("unknown kind '\(text)'") }
            return kind
        }
        guard let addressing = Addressing(rawValue: config.string(forKey: "addresses", default: "per-kind")) else {
            throw fail("addresses must be per-kind or one-for-all")
        }
        guard let attach = AttachPolicy(rawValue: config.string(forKey: "attach", default: "both")) else {
            throw fail("attach must be both, ubl or pdf")
        }
        let maxSize = try config.string(forKey: "max_size").map { text throws(InvalidInput) in try ByteSize(parsing: text) }
        let rule = AddressRule(
            known: config.bool(forKey: "rule.known", default: false),
            description: config.string(forKey: "rule.description", default: "any valid address"),
            localPart: config.string(forKey: "rule.local_part"),
            domains: config.stringArray(forKey: "rule.domains") ?? [])
        return IntegrationPreset(name: name, title: title, kinds: kinds, addressing: addressing, rule: rule,
                                 attach: attach, maxSize: maxSize)
    }

    /// Every preset shipped in `config/integrations/` (or the given folder), by name.
    public static func all(in folder: URL? = nil) async throws -> [IntegrationPreset] {
        guard let folder = folder ?? ResourceLocator.find("config", marker: "integrations/clearfacts.yaml")?
            .appendingPathComponent("integrations") else {
            throw InvalidInput("the integration presets (config/integrations) were not found beside the program")
        }
        var presets: [IntegrationPreset] = []
        for file in try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        where file.pathExtension == "yaml" {
            presets.append(try await load(file))
        }
        return presets.sorted { $0.name < $1.name }
    }
}

/// The shape a package's import addresses must have. Unknown rules take any valid address.
public struct AddressRule: Sendable, Equatable {
    public var known: Bool
    public var description: String
    /// A regular expression the local part must match in full; `{enterprise_number}` stands for
    /// the dossier's 10 digits.
    public var localPart: String?
    /// `@example.be` for exactly that domain, `.example.be` for any domain ending so.
    public var domains: [String]

    /// Nil when the address fits, else why not.
    public func refusal(_ address: EmailAddress, enterpriseNumber: String) -> String? {
        guard known else { return nil }
        let domain = address.domain.lowercased()
        if !domains.isEmpty, !domains.contains(where: { suffix in
            suffix.hasPrefix("@") ? domain == suffix.dropFirst().lowercased() : domain.hasSuffix(suffix.lowercased())
        }) {
            return "\(address) is not at \(domains.joined(separator: " or ")): \(description)"
        }
        if let pattern = localPart {
            let expanded = pattern.replacingOccurrences(of: "{enterprise_number}", with: enterpriseNumber)
            guard let regex = try? Regex(expanded), (try? regex.wholeMatch(in: String(address.localPart))) != nil else {
                return "\(address) does not have the expected local part: \(description)"
            }
        }
        return nil
    }
}
