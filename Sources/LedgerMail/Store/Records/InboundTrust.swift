import GRDB

/// Why an inbound mail was, or was not, allowed to change a delivery. Stored with the mail, so
/// every state change keeps its evidence and an unverified report is shown as such.
enum InboundTrust: String, Codable, Sendable, DatabaseValueConvertible {
    /// The address it was delivered to carries a valid token for a delivery this database has,
    /// and a bounce names one of that delivery's recipients.
    case verified
    /// No valid token in the address it was delivered to (a token in `To:` or a lower
    /// `Delivered-To` is anyone's to write).
    case noEnvelopeToken = "no-envelope-token"
    /// A valid token for a delivery this database does not have (another install, a restore).
    case unknownDelivery = "unknown-delivery"
    /// The returned original is another delivery's mail (an id reused).
    case quotesAnotherDelivery = "quotes-another-delivery"
    /// It names no failed recipient the delivery had.
    case recipientNotOfDelivery = "recipient-not-of-delivery"

    var isVerified: Bool { self == .verified }

    /// Why it changed nothing, for `status` and `inbox`.
    var explanation: String {
        switch self {
        case .verified: "verified"
        case .noEnvelopeToken: "not verified: no valid token in the address it was delivered to"
        case .unknownDelivery: "not verified: its token names a delivery this database does not have"
        case .quotesAnotherDelivery: "not verified: it returns another delivery's mail"
        case .recipientNotOfDelivery: "not verified: it names no recipient the delivery had"
        }
    }
}
