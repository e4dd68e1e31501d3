import Foundation
import GRDB

extension SQLiteTransaction: PeriodQueries {
    func periodDocuments(dossier name: String, days: ClosedRange<String>) throws -> [DocumentOutcome] {
        try DocumentOutcome.fetchAll(db, sql: """
            SELECT doc.*, latest.id AS deliveryID, latest.state, latest.lastReply, latest.bounceRecipient,
                   latest.bounceStatus, latest.bounceReason
            FROM \(DocumentStateSQL.currentDocuments) AND doc.dossier = ?
              AND doc.periodDay BETWEEN ? AND ?
            ORDER BY doc.id
            """, arguments: [name, days.lowerBound, days.upperBound])
    }

    func insert(_ notification: inout NotificationRecord) throws { try notification.insert(db) }
    func insert(_ part: inout SelfMailPartRecord) throws { try part.insert(db) }

    func selfMailParts(dossier name: String, period: String, recipient: String) throws -> [SelfMailPartRecord] {
        typealias C = SelfMailPartRecord.Columns
        return try SelfMailPartRecord.filter(C.dossier == name && C.period == period && C.recipient == recipient).order(C.id).fetchAll(db)
    }
}
