import Foundation

/// How to reach the gateway's own mailbox (`imap.*` and `tls.*` settings).
public struct IMAPServer: Sendable, Equatable {
    /// `imap://host:port` (STARTTLS per `requireSTARTTLS`) or `imaps://host:port` (implicit TLS).
    public var url: URL
    public var requireSTARTTLS: Bool
    public var username: String
    public var password: String
    public var folder: String
    /// Where processed mail is moved (created when missing).
    public var processedFolder: String
    public var caFile: String?
    public var insecure: Bool

    public init(url: URL, requireSTARTTLS: Bool = true, username: String, password: String, folder: String = "INBOX",
                processedFolder: String = "LedgerMail/Processed", caFile: String? = nil, insecure: Bool = false) {
        self.url = url
        self.requireSTARTTLS = requireSTARTTLS
        self.username = username
        self.password = password
        self.folder = folder
        self.processedFolder = processedFolder
        self.caFile = caFile
        self.insecure = insecure
    }

    var host: String { url.host ?? "localhost" }
    var isImplicitTLS: Bool { url.scheme?.lowercased() == "imaps" }
    var port: UInt16 { UInt16(url.port ?? (isImplicitTLS ? 993 : 143)) }
    /// Identifies the folder's UID space across runs: another account or folder starts anew.
    var cursorKey: String { "\(username)@\(host):\(port)/\(folder)" }
}

/// Why talking to the IMAP server failed, in words for the owner.
struct IMAPError: Error, Sendable, CustomStringConvertible {
    public let description: String
    /// The server refused one message (a FETCH answered NO or BAD) while the session is fine.
    let isMessageRefusal: Bool
    init(_ description: String, isMessageRefusal: Bool = false) {
        self.description = description
        self.isMessageRefusal = isMessageRefusal
    }
}
