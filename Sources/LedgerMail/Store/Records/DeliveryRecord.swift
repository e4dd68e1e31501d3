import Foundation
import GRDB

/// One attempt to get a document to its route: the queue is the deliveries that wait.
struct DeliveryRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "delivery"
    var id: Int64?
    var documentID: Int64
    /// The route's kind; nil while held.
    var routeKind: DocumentKind?
    var state: DeliveryState
    var dueAt: Date?
    var sentAt: Date?
    var attempts: Int
    /// When the first attempt was made: retries give up `retry.give_up_after` later.
    var firstAttemptAt: Date?
    /// Chosen before the first attempt and kept for every retry, so a repeat is recognisable.
    var messageID: String?
    /// When set, only these addresses (comma separated): a retry of recipients that answered 4xx
    /// while the others took the mail.
    var onlyRecipients: String?
    var lastReply: String?
    var bounceRecipient: String?
    var bounceStatus: String?
    var bounceReason: String?
    var bounceDiagnostic: String?
    var updatedAt: Date
    /// On a pull route: when the accountant's software acknowledged it, and whose token did.
    var collectedAt: Date? = nil
    var collectedBy: String? = nil
    /// The send worker that holds the delivery while it is `sending`, and until when: a claim
    /// whose lease ran out (its worker died) is taken over by the next pass.
    var claimedBy: String? = nil
    var leaseUntil: Date? = nil

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let documentID = Column(CodingKeys.documentID)
        static let routeKind = Column(CodingKeys.routeKind)
        static let state = Column(CodingKeys.state)
        static let dueAt = Column(CodingKeys.dueAt)
        static let sentAt = Column(CodingKeys.sentAt)
        static let attempts = Column(CodingKeys.attempts)
        static let firstAttemptAt = Column(CodingKeys.firstAttemptAt)
        static let messageID = Column(CodingKeys.messageID)
        static let lastReply = Column(CodingKeys.lastReply)
        static let bounceRecipient = Column(CodingKeys.bounceRecipient)
        static let bounceStatus = Column(CodingKeys.bounceStatus)
        static let bounceReason = Column(CodingKeys.bounceReason)
        static let bounceDiagnostic = Column(CodingKeys.bounceDiagnostic)
        static let updatedAt = Column(CodingKeys.updatedAt)
        static let claimedBy = Column(CodingKeys.claimedBy)
        static let leaseUntil = Column(CodingKeys.leaseUntil)
    }

    /// Waiting states a send pass takes (`pending` only when asked to send everything).
    static let waitingStates: [DeliveryState] = [.scheduled, .deferred, .pending]

    /// A delivery not yet attempted.
    static func new(documentID: Int64, routeKind: DocumentKind?, state: DeliveryState, dueAt: Date?, now: Date) -> DeliveryRecord {
        DeliveryRecord(id: nil, documentID: documentID, routeKind: routeKind, state: state, dueAt: dueAt, sentAt: nil,
                       attempts: 0, firstAttemptAt: nil, messageID: nil, onlyRecipients: nil, lastReply: nil, bounceRecipient: nil,
                       bounceStatus: nil, bounceReason: nil, bounceDiagnostic: nil, updatedAt: now)
    }
}

/// What one recipient's server said to a delivery's last attempt.
struct RecipientRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "deliveryRecipient"
    var id: Int64?
    var deliveryID: Int64
    var address: String
    var state: DeliveryState
    var smtpReply: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum Columns {
        static let deliveryID = Column(CodingKeys.deliveryID)
        static let address = Column(CodingKeys.address)
        static let state = Column(CodingKeys.state)
    }
}
