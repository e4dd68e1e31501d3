import Foundation

/// One document as `status` shows it: its deliveries and what came back. Encodes to the
/// `status --json` line format (every key present, null when unknown: `NullWhenAbsent`).
public struct DocumentStatus: Sendable, Encodable {
    public var dossier: String
    public var id: Int64
    public var number: String
    @NullWhenAbsent public var kind: DocumentKind?
    @NullWhenAbsent public var issueDate: String?
    @NullWhenAbsent public var counterparty: String?
    public var file: String
    public var version: Int
    /// The state of its latest delivery; `held` when it has none.
    public var state: DeliveryState
    @NullWhenAbsent public var heldReason: String?
    public var deliveries: [DeliveryStatus]
    public var inbound: [InboundStatus]

    enum CodingKeys: String, CodingKey {
        case dossier, id, number, kind, issueDate = "issue_date", counterparty, file, version, state,
             heldReason = "held_reason", deliveries, inbound
    }
}

public struct DeliveryStatus: Sendable, Encodable {
    public var id: Int64
    @NullWhenAbsent public var route: DocumentKind?
    public var state: DeliveryState
    @NullWhenAbsent public var dueAt: Date?
    @NullWhenAbsent public var sentAt: Date?
    public var attempts: Int
    @NullWhenAbsent public var messageID: String?
    /// The server's last word, or why the delivery could not even be composed (over the cap, nothing to attach).
    @NullWhenAbsent public var lastReply: String?
    public var recipients: [RecipientStatus]
    @NullWhenAbsent public var bounce: BounceStatus?
    /// On a pull route: when the accountant's software acknowledged it, and whose token did.
    @NullWhenAbsent public var collectedAt: Date? = nil
    @NullWhenAbsent public var collectedBy: String? = nil

    enum CodingKeys: String, CodingKey {
        case id, route, state, dueAt = "due_at", sentAt = "sent_at", attempts, messageID = "message_id",
             lastReply = "last_reply", recipients, bounce, collectedAt = "collected_at", collectedBy = "collected_by"
    }

}

public struct RecipientStatus: Sendable, Encodable {
    public var address: String
    public var state: DeliveryState
    @NullWhenAbsent public var smtpReply: String?

    enum CodingKeys: String, CodingKey { case address, state, smtpReply = "smtp_reply" }
}

public struct BounceStatus: Sendable, Encodable {
    @NullWhenAbsent public var recipient: String?
    @NullWhenAbsent public var status: String?
    @NullWhenAbsent public var reason: String?
    @NullWhenAbsent public var diagnostic: String?
    /// True when it came with a trusted envelope token for one of the delivery's recipients
    /// (only then did it change a state); false for a report linked only by the Message-ID.
    public var verified: Bool

    enum CodingKeys: String, CodingKey { case recipient, status, reason, diagnostic, verified }
}

public struct InboundStatus: Sendable, Encodable {
    public var kind: InboundKind
    public var receivedAt: Date
    @NullWhenAbsent public var from: String?
    public var summary: String
    /// True when a trusted envelope token tied it to its delivery; false when it is linked by a
    /// Message-ID alone, or its token or recipient did not hold (it changed nothing).
    public var verified: Bool
    /// Why it was not trusted, for the text view (nil when verified or recorded before reasons were kept).
    public var unverifiedBecause: String?

    enum CodingKeys: String, CodingKey { case kind, receivedAt = "received_at", from, summary, verified }
}
