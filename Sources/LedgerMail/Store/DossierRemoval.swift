import Foundation
import GRDB

extension DossierRecord {
    /// How many current documents of the dossier still wait or are in flight, per state:
    /// removing or archiving it then would strand them.
    static func unfinished(_ name: String, _ db: Database) throws -> [DeliveryState: Int] {
        let waiting: [DeliveryState] = [.held, .pending, .scheduled, .deferred, .sending]
        let sql = """
            SELECT \(DocumentStateSQL.state) AS state, COUNT(*) AS count FROM \(DocumentStateSQL.currentDocuments)
            AND doc.dossier = ? GROUP BY 1
            """
        var counts: [DeliveryState: Int] = [:]
        for row in try Row.fetchAll(db, sql: sql, arguments: [name]) {
            let state = try UnknownStoredValue.decode(DeliveryState.self, row["state"])
            if waiting.contains(state) { counts[state] = row["count"] }
        }
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
