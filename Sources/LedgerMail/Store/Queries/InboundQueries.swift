import Foundation

/// The named queries on mail read from the inbox and what it changed.
protocol InboundQueries {
    /// How far the inbox has read one folder (`user@host:port/folder`); nil before its first pass.
    func mailboxCursor(_ mailbox: String) throws -> MailboxCursorRecord?
    func save(_ cursor: MailboxCursorRecord) throws
    /// The UIDs of a folder's mail recorded and left there for a person.
    func uidsLeftInFolder(_ folder: String, uidValidity: Int64) throws -> Set<Int64>
    /// The first record of these raw bytes, nil when they are new. Until this transaction ends
    /// no other transaction records the same bytes, so two passes that read one message (two
    /// workers, a folder renumbered) apply it once.
    func claimFirstInbound(rawSHA256: String) throws -> InboundRecord?
    /// Records a message; one already recorded at its folder and UID is kept as it was.
    func insert(_ inbound: inout InboundRecord) throws

    /// The delivery whose mail carried this Message-ID.
    func deliveryID(messageID: String) throws -> Int64?
    /// A delivery an inbound mail answers, with its dossier (for the log line).
    func answeredDelivery(id: Int64) throws -> AnsweredDelivery?
    /// The addresses a delivery was sent to (RCPT TO), as the send recorded them.
    func sentAddresses(ofDelivery id: Int64) throws -> [String]
    /// Marks the delivery's recipients among `addresses` (any case) bounced; returns the ones it
    /// changed (as the delivery has them) and whether a recipient is still delivered.
    func markRecipientsBounced(_ addresses: [String], deliveryID: Int64) throws -> (changed: [String], stillDelivered: Bool)
    /// The delivery is `bounced` with what the report said, unless it already was.
    func markBounced(deliveryID: Int64, _ bounce: BounceFacts, at now: Date) throws
    /// A `sent` delivery now waits for someone to answer a challenge; false when it was in another state.
    func markChallenged(deliveryID: Int64, at now: Date) throws -> Bool
    /// A challenged delivery got through (a reply, a success report): `sent` again.
    func markChallengeAnswered(deliveryID: Int64, at now: Date) throws

    /// What came back for a dossier's documents, newest first.
    func inboxEntries(dossier name: String) throws -> [InboxEntry]
    /// The mail that matched no delivery at all (any dossier's), newest first.
    func unmatchedInboxEntries() throws -> [InboxEntry]
}

/// A delivery an inbound mail is about, and the dossier of its document.
struct AnsweredDelivery: Sendable {
    var delivery: DeliveryRecord
    var dossier: String?
}

/// What a trusted bounce says about the recipient it failed for.
struct BounceFacts: Sendable, Equatable {
    var recipient: String
    var status: String?
    var reason: String?
    var diagnostic: String?
}
