import Foundation
import GRDB

extension SQLiteTransaction: DigestQueries {
    func lastDigestSentAt(dossier name: String) throws -> Date? {
        try Date.fetchOne(db, DigestRecord.filter(DigestRecord.Columns.dossier == name).select(max(DigestRecord.Columns.sentAt)))
    }

    func troubledDeliveries(dossier name: String) throws -> [TroubledDelivery] {
        try TroubledDelivery.fetchAll(db, sql: """
            SELECT d.id AS deliveryID, d.state, d.lastReply, d.bounceRecipient, d.bounceStatus, d.bounceReason,
                   doc.id AS documentID, doc.number, doc.kind AS documentKind, doc.counterparty
            FROM delivery d JOIN document doc ON doc.id = d.documentID
            WHERE doc.dossier = ? AND doc.supersededBy IS NULL AND d.state IN (?, ?, ?) ORDER BY d.id
            """, arguments: [name, DeliveryState.failed, DeliveryState.bounced, DeliveryState.challenged])
    }

    func heldDocuments(dossier name: String) throws -> [DocumentRecord] { try DocumentRecord.currentHeld(dossier: name).fetchAll(db) }

    func replies(dossier name: String) throws -> [ReplyToDocument] {
        try ReplyToDocument.fetchAll(db, sql: """
            SELECT i.id AS replyID, i.fromAddress, i.subject, i.receivedAt, i.rawSHA256,
                   doc.id AS documentID, doc.number, doc.kind AS documentKind, doc.counterparty
            FROM inbound i JOIN delivery d ON d.id = i.deliveryID JOIN document doc ON doc.id = d.documentID
            WHERE doc.dossier = ? AND i.kind = ? ORDER BY i.id
            """, arguments: [name, InboundKind.reply])
    }

    func reportedDigestEvents(dossier name: String) throws -> [DigestEventRecord] {
        let digests = DigestRecord.filter(DigestRecord.Columns.dossier == name).select(DigestRecord.Columns.id)
        return try DigestEventRecord.filter(digests.contains(DigestEventRecord.Columns.digestID)).fetchAll(db)
    }

    func insert(_ digest: inout DigestRecord, events: [(kind: DigestEventKind, subjectID: Int64)]) throws {
        try digest.insert(db)
        for event in events {
            try DigestEventRecord(digestID: digest.id!, kind: event.kind, subjectID: event.subjectID).insert(db, onConflict: .ignore)
        }
    }
}

// Read by column name, as the PostgreSQL side reads them.
extension TroubledDelivery: FetchableRecord {}
extension ReplyToDocument: FetchableRecord {}
extension DocumentOutcome: FetchableRecord {}
