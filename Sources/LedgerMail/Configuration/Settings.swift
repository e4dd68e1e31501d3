import Foundation

/// The gateway's settings: one YAML file, every key overridable from the environment
/// (`LEDGERMAIL_SMTP_PASSWORD` for `smtp.password`). Dossiers and routes are data in the
/// database, not settings.
public struct Settings: Sendable {
    public var configFile: URL
    public var dataDirectory: URL
    public var smtp: SMTPServer?
    public var imap: IMAPServer?
    public var bounceAddress: EmailAddress?
    public var replyAddress: EmailAddress?
    public var templatesDirectory: URL?
    /// `dispatch.delay`: the wait of `after-10-minutes`, in seconds.
    public var dispatchDelay: TimeInterval
    /// `retry.*`: when temporary failures are tried again.
    public var retry: RetryPolicy = RetryPolicy()
    /// `limits.*`: the most a single input may weigh.
    public var limits: InputLimits = InputLimits()
    /// `digest.*`: the owner's mail about trouble.
    public var digest: DigestSettings = DigestSettings()
    public var tlsInsecure: Bool
    /// `log.format`: how the services write their log lines.
    public var logFormat: LogFormat = .text
    /// `web.*`: where `serve` listens and the address people reach it at.
    public var web = WebSettings()
    /// `database.url` / `database.password`: PostgreSQL instead of SQLite in data_dir; nil: SQLite.
    public var database: PostgresSettings?
    /// `database.password` and `tls.ca_file`, for a PostgreSQL target named on the command line.
    var databaseCopyCredentials: (password: String?, caFile: String?) = (nil, nil)
    /// What the owner should fix but that does not stop LedgerMail (logged at every start).
    public var warnings: [String] = []

    public var databasePath: String { dataDirectory.appendingPathComponent("ledgermail.sqlite").path }
    public var blobDirectory: URL { dataDirectory.appendingPathComponent("store", isDirectory: true) }
    /// With PostgreSQL: large stored files copied down to stream them into mails.
    var blobCacheDirectory: URL { dataDirectory.appendingPathComponent("store-cache", isDirectory: true) }
    public var verpKeyPath: URL { dataDirectory.appendingPathComponent("verp.key") }

    /// The envelope sender / Reply-To needed to send, or a clear error.
    public func requireBounceAddress() throws(InvalidInput) -> EmailAddress {
        guard let bounceAddress else {
            throw InvalidInput("bounce.address is not set in \(configFile.path): it is the envelope sender every mail needs")
        }
        return bounceAddress
    }

    public func requireSMTP() throws(InvalidInput) -> SMTPServer {
        guard let smtp else { throw InvalidInput("smtp.url is not set in \(configFile.path): nothing can be sent") }
        return smtp
    }

    public func requireIMAP() throws(InvalidInput) -> IMAPServer {
        guard let imap else { throw InvalidInput("imap.url is not set in \(configFile.path): the inbox cannot be read") }
        return imap
    }
}

/// Bounds on what one input may weigh (`limits.document_bytes`, `limits.attachment_bytes`,
/// `limits.inbound_bytes`), so
/// one hostile file cannot exhaust the gateway.
public struct InputLimits: Sendable, Equatable {
    public var documentBytes: Int = 50 << 20
    public var attachmentBytes: Int = 40 << 20
    /// The largest inbound mail read: a bounce may return our whole mail (a 50 MB document is
    /// about 69 MB in base64), so well above `documentBytes`.
    public var inboundBytes: Int = 100 << 20
    public init(documentBytes: Int = 50 << 20, attachmentBytes: Int = 40 << 20, inboundBytes: Int = 100 << 20) {
        self.documentBytes = documentBytes
        self.attachmentBytes = attachmentBytes
        self.inboundBytes = inboundBytes
    }
}

extension Settings {
    /// What the UBL reader may take: one definition for import and every re-read.
    var readerLimits: UBLReaderLimits {
        UBLReaderLimits(maxDocumentBytes: limits.documentBytes, maxAttachmentBytes: limits.attachmentBytes)
    }
}

/// `web.listen` (host:port, plain HTTP meant to sit behind a TLS reverse proxy) and
/// `web.base_url` (what links and cookies are made for: `Secure` cookies when it is https).
public struct WebSettings: Sendable, Equatable {
    public var host = "127.0.0.1"
    public var port = 8080
    public var baseURL = URL(string: "http://127.0.0.1:8080")!

    public init() {}

    public var secureCookies: Bool { baseURL.scheme?.lowercased() == "https" }
}

/// `digest.enabled`, `digest.interval`: whether the owner gets a digest of trouble, and at most
/// how often (seconds).
public struct DigestSettings: Sendable, Equatable {
    public var enabled: Bool
    public var interval: TimeInterval

    public init(enabled: Bool = true, interval: TimeInterval = 3600) {
        self.enabled = enabled
        self.interval = interval
    }
}
