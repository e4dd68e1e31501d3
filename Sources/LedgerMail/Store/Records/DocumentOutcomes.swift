import Foundation

// What the digest and the quarter-end plan read of documents and their deliveries: by column
// name, so either engine decodes them from one joined row.

/// A delivery's state and what went wrong with it.
struct DeliveryOutcome: Decodable, Sendable, Equatable {
    var deliveryID: Int64
    var state: DeliveryState
    var lastReply: String?
    var bounceRecipient: String?
    var bounceStatus: String?
    var bounceReason: String?
}

/// What a digest line names of a document.
struct DocumentSummary: Decodable, Sendable, Equatable {
    var documentID: Int64
    var number: String
    var documentKind: DocumentKind?
    var counterparty: String?
}

/// What a document's period day is made from (`DocumentRecord.periodDay`), and the day kept.
struct PeriodDayInput: Decodable, Sendable {
    var id: Int64
    var issueDate: String?
    var importedAt: Date
    var periodDay: String?
}

/// A current document with its latest delivery's outcome; none when it has no delivery.
struct DocumentOutcome: Decodable, Sendable {
    var document: DocumentRecord
    var outcome: DeliveryOutcome?

    init(from decoder: any Decoder) throws {
        document = try DocumentRecord(from: decoder)
        // A document without a delivery: the LEFT JOIN gave NULL for every delivery column.
        let row = try decoder.container(keyedBy: Key.self)
        outcome = try row.decodeNil(forKey: .deliveryID) ? nil : DeliveryOutcome(from: decoder)
    }

    private enum Key: String, CodingKey { case deliveryID }
}

/// A failed, bounced or challenged delivery with its document.
struct TroubledDelivery: Decodable, Sendable {
    var outcome: DeliveryOutcome
    var document: DocumentSummary

    init(from decoder: any Decoder) throws {
        outcome = try DeliveryOutcome(from: decoder)
        document = try DocumentSummary(from: decoder)
    }
}

/// A reply to one of a document's deliveries.
struct ReplyToDocument: Decodable, Sendable {
    var replyID: Int64
    var fromAddress: String?
    var subject: String?
    var receivedAt: Date
    var rawSHA256: String
    var document: DocumentSummary

    private enum CodingKeys: String, CodingKey { case replyID, fromAddress, subject, receivedAt, rawSHA256 }

    init(from decoder: any Decoder) throws {
        let row = try decoder.container(keyedBy: CodingKeys.self)
        replyID = try row.decode(Int64.self, forKey: .replyID)
        fromAddress = try row.decodeIfPresent(String.self, forKey: .fromAddress)
        subject = try row.decodeIfPresent(String.self, forKey: .subject)
        receivedAt = try row.decode(Date.self, forKey: .receivedAt)
        rawSHA256 = try row.decode(String.self, forKey: .rawSHA256)
        document = try DocumentSummary(from: decoder)
    }
}
