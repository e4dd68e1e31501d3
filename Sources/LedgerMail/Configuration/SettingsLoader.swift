import Configuration
import Foundation
import SystemPackage

/// Reads `Settings` with swift-configuration: the environment first, then the YAML file.
public enum SettingsLoader {
    /// The config file: `--config`, else `$LEDGERMAIL_CONFIG`, else `./ledgermail.yaml`.
    public static func configFile(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        let path = explicit ?? environment["LEDGERMAIL_CONFIG"] ?? "ledgermail.yaml"
        return URL(fileURLWithPath: path).standardizedFileURL
    }

    public static func load(configFile: URL,
                            environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> Settings {
        // Only LEDGERMAIL_* variables count, without their prefix: SMTP_URL ↔ smtp.url.
        var scoped: [String: String] = [:]
        for (name, value) in environment where name.hasPrefix("LEDGERMAIL_") {
            scoped[String(name.dropFirst("LEDGERMAIL_".count))] = value
        }
        // Read with Yams first: a YAML error is reported by line, never by quoting the file.
        let file = try ConfigurationFile(url: configFile, environment: scoped)
        let environmentProvider = EnvironmentVariablesProvider(
            environmentVariables: scoped, secretsSpecifier: .specific(["SMTP_PASSWORD", "IMAP_PASSWORD", "DATABASE_PASSWORD"]))
        let fileProvider: FileProvider<YAMLSnapshot>
        do {
            fileProvider = try await FileProvider<YAMLSnapshot>(filePath: FilePath(configFile.path), allowMissing: true)
        } catch {
            throw ConfigurationFile.explain(error, file: configFile.path)
        }
        let config = ConfigReader(providers: [environmentProvider, fileProvider])
        let base = configFile.deletingLastPathComponent()
        func path(_ value: String) -> URL {
            value.hasPrefix("/") ? URL(fileURLWithPath: value) : base.appendingPathComponent(value)
        }
        func seconds(_ key: String, default value: Int) throws(MalformedConfiguration) -> TimeInterval {
            guard let text = config.string(forKey: ConfigKey(key)) else { return TimeInterval(value) }
            guard let number = Int(text.trimmingCharacters(in: .whitespaces)), number >= 0 else {
                throw MalformedConfiguration("\(file.place(key)) must be a whole number of seconds")
            }
            return TimeInterval(number)
        }
        func address(_ key: String) throws(MalformedConfiguration) -> EmailAddress? {
            guard let text = config.string(forKey: ConfigKey(key)) else { return nil }
            do { return try EmailAddress(text) } catch {
                throw MalformedConfiguration("\(file.place(key)) is not a valid e-mail address: write local@domain")
            }
        }

        let insecure = try boolean(config.string(forKey: "tls.insecure"), place: file.place("tls.insecure")) ?? false
        let caFile = config.string(forKey: "tls.ca_file").map { path($0).path }
        let bounce = try address("bounce.address")
        if let bounce, bounce.localPart.count > VERPSigner.maxBounceLocalPart {
            // VERP adds "+d<id>-<20 hex>" to the local part, which may not exceed 64 characters.
            throw MalformedConfiguration("\(file.place("bounce.address")): its local part must be at most \(VERPSigner.maxBounceLocalPart) characters, so that VERP's +TOKEN fits")
        }
        let reply = try address("reply.address") ?? bounce

        var smtp: SMTPServer?
        if let text = config.string(forKey: "smtp.url") {
            let url = try serverURL(text, place: file.place("smtp.url"), schemes: ["smtp", "smtps"])
            smtp = SMTPServer(
                url: url,
                requireSTARTTLS: try starttls(config.string(forKey: "smtp.starttls", default: "required"), place: file.place("smtp.starttls")),
                username: config.string(forKey: "smtp.username"),
                password: config.string(forKey: "smtp.password", isSecret: true),
                caFile: caFile, insecure: insecure,
                heloName: bounce.map { String($0.domain) } ?? "localhost",
                connections: config.int(forKey: "smtp.connections", default: SMTPServer.defaultConnections))
            guard (1...16).contains(smtp?.connections ?? 1) else {
                throw InvalidInput("smtp.connections must be a number of SMTP sessions from 1 to 16, not \(smtp?.connections ?? 0)")
            }
        }
        var imap: IMAPServer?
        if let text = config.string(forKey: "imap.url") {
            let url = try serverURL(text, place: file.place("imap.url"), schemes: ["imap", "imaps"])
            imap = IMAPServer(
                url: url,
                requireSTARTTLS: try starttls(config.string(forKey: "imap.starttls", default: "required"), place: file.place("imap.starttls")),
                username: config.string(forKey: "imap.username") ?? "",
                password: config.string(forKey: "imap.password", isSecret: true) ?? "",
                folder: config.string(forKey: "imap.folder", default: "INBOX"),
                processedFolder: config.string(forKey: "imap.processed_folder", default: "LedgerMail/Processed"),
                caFile: caFile, insecure: insecure)
        }
        for (key, url, tls, user) in [("smtp", smtp?.url, smtp.map { $0.requireSTARTTLS || $0.isImplicitTLS }, smtp?.username),
                                      ("imap", imap?.url, imap.map { $0.requireSTARTTLS || $0.isImplicitTLS }, imap?.username)] {
            guard let url, tls == false, let user, !user.isEmpty else { continue }
            let host = url.host ?? ""
            guard Loopback.isLoopback(host: host) else {
                throw MalformedConfiguration("\(key).starttls is none while \(key).username is set: the password would cross the network in clear text to \(host). Use starttls: required or an \(key)s:// URL")
            }
        }
        let delay = try seconds("dispatch.delay", default: 600)
        let retry = RetryPolicy(
            first: try seconds("retry.first", default: 300), maximum: try seconds("retry.maximum", default: 4000),
            giveUpAfter: try seconds("retry.give_up_after", default: 5 * 86_400))
        var settings = Settings(
            configFile: configFile,
            dataDirectory: path(config.string(forKey: "data_dir", default: "ledgermail-data")),
            smtp: smtp, imap: imap, bounceAddress: bounce, replyAddress: reply,
            templatesDirectory: config.string(forKey: "templates_dir").map { path($0) },
            dispatchDelay: delay, tlsInsecure: insecure)
        settings.retry = retry
        let databasePassword = config.string(forKey: "database.password", isSecret: true)
        // `db copy --to URL` reaches a database the config need not name: with the same password and CA.
        settings.databaseCopyCredentials = (databasePassword, caFile)
        if let url = config.string(forKey: "database.url") {
            settings.database = try PostgresSettings.parse(
                url: url, password: databasePassword, caFile: caFile, place: file.place("database.url"))
        }
        if let warning = file.passwordExposure() { settings.warnings.append(warning) }
        guard let logFormat = LogFormat(rawValue: config.string(forKey: "log.format", default: "text")) else {
            throw MalformedConfiguration("\(file.place("log.format")) must be 'text' or 'json'")
        }
        settings.logFormat = logFormat
        settings.web = try webSettings(listen: config.string(forKey: "web.listen", default: "127.0.0.1:8080"),
                                       baseURL: config.string(forKey: "web.base_url"), file: file)
        let digestInterval = try seconds("digest.interval", default: 3600)
        guard digestInterval > 0 else { throw MalformedConfiguration("\(file.place("digest.interval")) must be a number of seconds above 0") }
        settings.digest = DigestSettings(
            enabled: try boolean(config.string(forKey: "digest.enabled"), place: file.place("digest.enabled")) ?? true,
            interval: digestInterval)
        settings.limits = InputLimits(
            documentBytes: try size(config.string(forKey: "limits.document_bytes"), place: file.place("limits.document_bytes")) ?? (50 << 20),
            attachmentBytes: try size(config.string(forKey: "limits.attachment_bytes"), place: file.place("limits.attachment_bytes")) ?? (40 << 20),
            inboundBytes: try size(config.string(forKey: "limits.inbound_bytes"), place: file.place("limits.inbound_bytes")) ?? (100 << 20))
        return settings
    }

    private static func serverURL(_ text: String, place: String, schemes: Set<String>) throws(MalformedConfiguration) -> URL {
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), schemes.contains(scheme),
              url.host != nil else {
            throw MalformedConfiguration("\(place) must look like \(schemes.sorted().map { "\($0)://host:port" }.joined(separator: " or "))")
        }
        return url
    }

    private static func webSettings(listen: String, baseURL: String?, file: ConfigurationFile) throws(MalformedConfiguration) -> WebSettings {
        var web = WebSettings()
        guard let colon = listen.lastIndex(of: ":"), let port = Int(listen[listen.index(after: colon)...]),
              (1...65535).contains(port), colon > listen.startIndex else {
            throw MalformedConfiguration("\(file.place("web.listen")) must look like 127.0.0.1:8080")
        }
        web.host = String(listen[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        web.port = port
        let base = baseURL ?? "http://\(listen)"
        guard let url = URL(string: base), ["http", "https"].contains(url.scheme?.lowercased() ?? ""), url.host != nil else {
            throw MalformedConfiguration("\(file.place("web.base_url")) must be an http:// or https:// address")
        }
        web.baseURL = url
        return web
    }

    private static func size(_ text: String?, place: String) throws(MalformedConfiguration) -> Int? {
        guard let text else { return nil }
        guard let size = try? ByteSize(parsing: text) else {
            throw MalformedConfiguration("\(place) must be a size in bytes or with a unit (50MB)")
        }
        return size.bytes
    }

    private static func starttls(_ text: String, place: String) throws(MalformedConfiguration) -> Bool {
        switch text {
        case "required": return true
        case "none": return false
        default: throw MalformedConfiguration("\(place) must be 'required' or 'none'")
        }
    }

    static func boolean(_ text: String?, place: String) throws(MalformedConfiguration) -> Bool? {
        guard let text else { return nil }
        guard let value = BooleanSetting.parse(text) else {
            throw MalformedConfiguration("\(place) must be one of true, false, yes, no, on, off, 1, 0")
        }
        return value
    }
}
