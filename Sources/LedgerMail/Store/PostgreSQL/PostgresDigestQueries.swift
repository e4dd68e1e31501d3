import Foundation
import PostgresNIO

extension PostgresTransaction: DigestQueries {
    func lastDigestSentAt(dossier name: String) throws -> Date? {
        try fetchValue(Date.self, #"SELECT max("sentAt") FROM "digest" WHERE "dossier" = $1"#, try .of(name))
    }

    func troubledDeliveries(dossier name: String) throws -> [TroubledDelivery] {
        try fetchAll(TroubledDelivery.self, """
            SELECT d."id" AS "deliveryID", d."state", d."lastReply", d."bounceRecipient", d."bounceStatus", d."bounceReason",
                   doc."id" AS "documentID", doc."number", doc."kind" AS "documentKind", doc."counterparty"
            FROM "delivery" d JOIN "document" doc ON doc."id" = d."documentID"
            WHERE doc."dossier" = $1 AND doc."supersededBy" IS NULL AND d."state" = ANY($2) ORDER BY d."id"
            """, try .of(name, [DeliveryState.failed, .bounced, .challenged].map(\.rawValue)))
    }

    func heldDocuments(dossier name: String) throws -> [DocumentRecord] {
        try fetchAll(DocumentRecord.self, """
            SELECT * FROM "document" WHERE "dossier" = $1 AND "supersededBy" IS NULL AND "heldBecause" IS NOT NULL ORDER BY "id"
            """, try .of(name))
    }

    func replies(dossier name: String) throws -> [ReplyToDocument] {
        try fetchAll(ReplyToDocument.self, """
            SELECT i."id" AS "replyID", i."fromAddress", i."subject", i."receivedAt", i."rawSHA256",
                   doc."id" AS "documentID", doc."number", doc."kind" AS "documentKind", doc."counterparty"
            FROM "inbound" i JOIN "delivery" d ON d."id" = i."deliveryID" JOIN "document" doc ON doc."id" = d."documentID"
            WHERE doc."dossier" = $1 AND i."kind" = $2 ORDER BY i."id"
            """, try .of(name, InboundKind.reply))
    }

    func reportedDigestEvents(dossier name: String) throws -> [DigestEventRecord] {
        try fetchAll(DigestEventRecord.self, """
            SELECT e.* FROM "digestEvent" e JOIN "digest" g ON g."id" = e."digestID" WHERE g."dossier" = $1
            """, try .of(name))
    }

    func insert(_ digest: inout DigestRecord, events: [(kind: DigestEventKind, subjectID: Int64)]) throws {
        let id = try insertReturningID(digest, into: "digest")
        digest.id = id
        for event in events {
            try insert(DigestEventRecord(digestID: id, kind: event.kind, subjectID: event.subjectID), into: "digestEvent",
                       ignoringConflicts: true)
        }
    }
}
