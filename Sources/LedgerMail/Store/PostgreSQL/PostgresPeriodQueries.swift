import Foundation
import PostgresNIO

extension PostgresTransaction: PeriodQueries {
    func periodDocuments(dossier name: String, days: ClosedRange<String>) throws -> [DocumentOutcome] {
        try fetchAll(DocumentOutcome.self, """
            SELECT doc.*, latest."id" AS "deliveryID", latest."state", latest."lastReply", latest."bounceRecipient",
                   latest."bounceStatus", latest."bounceReason"
            FROM "document" doc
            LEFT JOIN LATERAL (SELECT d.* FROM "delivery" d WHERE d."documentID" = doc."id" ORDER BY d."id" DESC LIMIT 1) latest ON true
            WHERE doc."dossier" = $1 AND doc."supersededBy" IS NULL
              AND doc."periodDay" BETWEEN $2 AND $3
            ORDER BY doc."id"
            """, try .of(name, days.lowerBound, days.upperBound))
    }

    func insert(_ notification: inout NotificationRecord) throws {
        notification.id = try insertReturningID(notification, into: "notification")
    }

    func insert(_ part: inout SelfMailPartRecord) throws {
        part.id = try insertReturningID(part, into: "selfMailPart")
    }

    func selfMailParts(dossier name: String, period: String, recipient: String) throws -> [SelfMailPartRecord] {
        try fetchAll(SelfMailPartRecord.self, """
            SELECT * FROM "selfMailPart" WHERE "dossier" = $1 AND "period" = $2 AND "recipient" = $3 ORDER BY "id"
            """, try .of(name, period, recipient))
    }
}
