import Foundation
import GRDB

/// What a digest can report: a delivery's trouble, a held document, or the accountant's reply.
enum DigestEventKind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case bounced, failed
    /// Failed after retry.give_up_after of temporary failures.
    case gaveUp = "gave-up"
    case challenged, held, reply

    /// Replies ride along with trouble; they alone do not make a digest.
    var isTrouble: Bool { self != .reply }
}

struct DigestRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "digest"
    var id: Int64?
    var dossier: String
    var recipient: String
    var messageID: String
    var sentAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    static func lastSentAt(dossier: String, _ db: Database) throws -> Date? {
        try Date.fetchOne(db, DigestRecord.filter(Column("dossier") == dossier).select(max(Column("sentAt"))))
    }
}

/// One event a digest reported (subject: the delivery, the held document or the inbound reply).
struct DigestEventRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "digestEvent"
    var digestID: Int64
    var kind: DigestEventKind
    var subjectID: Int64
}

/// An event not yet reported, with what the digest says about its document.
struct DigestEvent: Sendable, Equatable {
    var kind: DigestEventKind
    var subjectID: Int64
    var documentID: Int64
    var number: String
    var documentKind: DocumentKind?
    /// Why a held document waits.
    var held: HoldReason? = nil
    var counterparty: String?
    /// The server's words, the bounce reason, the held reason, or the reply's subject.
    var detail: String?
    /// The failed recipient, or who replied.
    var who: String?
    var receivedAt: Date?
    var rawSHA256: String?
}

extension DigestEvent {
    /// Every event of the dossier's current documents that no digest reported yet, oldest first.
    static func unreported(dossier: String, _ db: Database) throws -> [DigestEvent] {
        let reported = Set(try Row.fetchAll(db, sql: """
            SELECT e.kind, e.subjectID FROM digestEvent e JOIN digest g ON g.id = e.digestID WHERE g.dossier = ?
            """, arguments: [dossier]).map { "\($0["kind"] as String):\($0["subjectID"] as Int64)" })
        var events: [DigestEvent] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT d.id, d.state, d.lastReply, d.bounceRecipient, d.bounceReason, d.bounceStatus,
                   doc.id AS documentID, doc.number, doc.kind, doc.counterparty
            FROM delivery d JOIN document doc ON doc.id = d.documentID
            WHERE doc.dossier = ? AND doc.supersededBy IS NULL AND d.state IN (?, ?, ?) ORDER BY d.id
            """, arguments: [dossier, DeliveryState.failed.rawValue, DeliveryState.bounced.rawValue, DeliveryState.challenged.rawValue]) {
            let state: String = row["state"], lastReply: String? = row["lastReply"]
            let kind: DigestEventKind = state == DeliveryState.bounced.rawValue ? .bounced
                : state == DeliveryState.challenged.rawValue ? .challenged
                : (lastReply?.hasPrefix(RetryPolicy.gaveUpPrefix) == true ? .gaveUp : .failed)
            let bounce = [row["bounceStatus"] as String?, row["bounceReason"] as String?].compactMap { $0 }.joined(separator: " ")
            events.append(DigestEvent(kind: kind, subjectID: row["id"], documentID: row["documentID"], number: row["number"],
                                      documentKind: row["kind"], counterparty: row["counterparty"],
                                      detail: kind == .bounced ? bounce : lastReply, who: row["bounceRecipient"]))
        }
        for document in try DocumentRecord.currentHeld(dossier: dossier).fetchAll(db) {
            events.append(DigestEvent(kind: .held, subjectID: document.id!, documentID: document.id!, number: document.number,
                                      documentKind: document.kind, held: document.heldBecause, counterparty: document.counterparty,
                                      detail: document.heldReason))
        }
        for row in try Row.fetchAll(db, sql: """
            SELECT i.id, i.fromAddress, i.subject, i.receivedAt, i.rawSHA256, doc.id AS documentID, doc.number, doc.kind, doc.counterparty
            FROM inbound i JOIN delivery d ON d.id = i.deliveryID JOIN document doc ON doc.id = d.documentID
            WHERE doc.dossier = ? AND i.kind = ? ORDER BY i.id
            """, arguments: [dossier, InboundKind.reply.rawValue]) {
            events.append(DigestEvent(kind: .reply, subjectID: row["id"], documentID: row["documentID"], number: row["number"],
                                      documentKind: row["kind"], counterparty: row["counterparty"], detail: row["subject"],
                                      who: row["fromAddress"], receivedAt: row["receivedAt"], rawSHA256: row["rawSHA256"]))
        }
        return events.filter { !reported.contains("\($0.kind.rawValue):\($0.subjectID)") }
    }

    /// Records a sent digest and every event it reported, so none is reported again.
    static func recordSent(_ events: [DigestEvent], dossier: String, recipient: String, messageID: String, at now: Date,
                           _ db: Database) throws {
        var digest = DigestRecord(id: nil, dossier: dossier, recipient: recipient, messageID: messageID, sentAt: now)
        try digest.insert(db)
        for event in events {
            try DigestEventRecord(digestID: digest.id!, kind: event.kind, subjectID: event.subjectID).insert(db, onConflict: .ignore)
        }
    }
}
