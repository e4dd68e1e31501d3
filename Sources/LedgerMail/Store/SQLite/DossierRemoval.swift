import Foundation
import GRDB

extension DossierRecord {
    /// How many current documents of the dossier still wait or are in flight, per state:
    /// removing or archiving it then would strand them.
    static func unfinished(_ name: String, _ db: Database) throws -> [DeliveryState: Int] {
        // Any delivery still waiting counts, not only each document's latest: an older one may be
        // mid-retry after a resend, or belong to a version since replaced.
        let waiting: [DeliveryState] = [.held, .pending, .scheduled, .deferred, .sending]
        let sql = """
            SELECT d.state AS state, COUNT(DISTINCT doc.id) AS count
            FROM document doc JOIN delivery d ON d.documentID = doc.id
            WHERE doc.dossier = ? AND d.state IN (\(waiting.map { _ in "?" }.joined(separator: ",")))
            GROUP BY d.state
            """
        var counts: [DeliveryState: Int] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: StatementArguments([name] + waiting.map(\.rawValue))) {
            counts[try UnknownStoredValue.decode(DeliveryState.self, row["state"])] = row["count"]
        }
        // A current document with no delivery at all is held too.
        let bare = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM document doc WHERE doc.dossier = ? AND doc.supersededBy IS NULL
            AND NOT EXISTS (SELECT 1 FROM delivery d WHERE d.documentID = doc.id)
            """, arguments: [name]) ?? 0
        if bare > 0 { counts[.held, default: 0] += bare }
        return counts
    }

    /// Deletes the dossier with its documents, deliveries and routes. Inbound mail stays on
    /// record (unlinked). Returns the stored files no remaining document refers to.
    static func deleteWithDocuments(_ name: String, _ db: Database) throws -> Set<String> {
        let files = """
            SELECT ublSHA256 FROM document WHERE dossier = ?1 AND ublSHA256 IS NOT NULL
            UNION SELECT pdfSHA256 FROM document WHERE dossier = ?1 AND pdfSHA256 IS NOT NULL
            UNION SELECT fileSHA256 FROM document WHERE dossier = ?1 AND fileSHA256 IS NOT NULL
            """
        let candidates = try String.fetchSet(db, sql: files, arguments: [name])
        try db.execute(sql: "DELETE FROM document WHERE dossier = ?", arguments: [name])
        _ = try DossierRecord.deleteOne(db, key: name)
        let stillUsed = try String.fetchSet(db, sql: """
            SELECT ublSHA256 FROM document WHERE ublSHA256 IS NOT NULL
            UNION SELECT pdfSHA256 FROM document WHERE pdfSHA256 IS NOT NULL
            UNION SELECT fileSHA256 FROM document WHERE fileSHA256 IS NOT NULL
            UNION SELECT rawSHA256 FROM inbound
            """)
        return candidates.subtracting(stillUsed)
    }
}
