import Foundation

/// How to reach the outgoing SMTP server (`smtp.*` and `tls.*` settings).
public struct SMTPServer: Sendable, Equatable {
    /// `smtp://host:port` (STARTTLS per `requireSTARTTLS`) or `smtps://host:port` (implicit TLS).
    public var url: URL
    public var requireSTARTTLS: Bool
    public var username: String?
    public var password: String?
    /// An extra trusted CA (PEM); the system trust store otherwise.
    public var caFile: String?
    /// No certificate check at all: for tests only.
    public var insecure: Bool
    /// The name we give in EHLO.
    public var heloName: String
    /// `smtp.connections`: the SMTP sessions a send pass uses at most (the first logs in alone).
    public var connections: Int

    /// The `smtp.connections` the configuration gets when it says nothing, chosen by measurement
    /// (scripts/bench-send): more sessions than cores only add handshakes.
    public static let defaultConnections = 2

    public init(url: URL, requireSTARTTLS: Bool = true, username: String? = nil, password: String? = nil,
                caFile: String? = nil, insecure: Bool = false, heloName: String = "localhost", connections: Int = 1) {
        self.url = url
        self.requireSTARTTLS = requireSTARTTLS
        self.username = username
        self.password = password
        self.caFile = caFile
        self.insecure = insecure
        self.heloName = heloName
        self.connections = connections
    }

    /// The URL libcurl gets: with a path, because without one curl uses the uploaded file's
    /// name as the EHLO name.
    var curlURL: String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.path = "/" + heloName
        return components?.string ?? url.absoluteString
    }

    var isImplicitTLS: Bool { url.scheme?.lowercased() == "smtps" }
}

/// What the SMTP server did with one message.
struct SMTPTransfer: Sendable {
    public enum Outcome: Sendable, Equatable {
        /// Accepted for at least one recipient (see `recipientReplies` for the others).
        case accepted(SMTPReply)
        /// Worth trying again later: a 4xx, a connection or TLS problem.
        case transientFailure(String)
        /// The server refused it for good (5xx).
        case permanentFailure(String)
    }

    public var outcome: Outcome
    /// The reply to each RCPT TO, by address.
    public var recipientReplies: [String: SMTPReply]
    /// How many new SMTP sessions this transfer opened (0 when it reused the open one); the
    /// session that only checks the certificate first is not one of them.
    public var newConnections: Int
    /// The TLS handshake met another key than the one checked: nothing was sent.
    var pinnedKeyMismatch = false
    /// The server refused our login (AUTH): nothing was sent, and the next message would only
    /// be refused again (see `SMTPLoginRefused`).
    var loginRefusal: String?
}
