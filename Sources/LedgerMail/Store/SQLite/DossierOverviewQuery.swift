import Foundation
import GRDB

extension DossierOverview {
    /// Every dossier, however many there are, in two set queries: the dossiers, then their
    /// current documents counted by dossier and state (each document row visits its dossier by
    /// key, so the work grows with the documents, never dossiers × documents).
    /// `quarterStarts` gives, per time zone in use, when the current quarter began there.
    static func all(quarterStarts: [String: Date], _ db: Database) throws -> [DossierOverview] {
        var overviews: [DossierOverview] = []
        var position: [String: Int] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, company, archivedAt IS NOT NULL AS archived FROM dossier ORDER BY name") {
            position[row["name"]] = overviews.count
            overviews.append(DossierOverview(name: row["name"], company: row["company"], archived: row["archived"], documents: 0,
                                             states: [:], sentThisQuarter: 0, lastActivity: nil))
        }
        let zones = quarterStarts.isEmpty ? "SELECT NULL AS tz, NULL AS start WHERE 0"
            : quarterStarts.map { _ in "SELECT ?, ?" }.joined(separator: " UNION ALL ")
        let sql = """
            WITH zone(tz, start) AS (\(zones))
            SELECT doc.dossier, \(DocumentStateSQL.state) AS state, COUNT(*) AS count,
                   SUM(latest.state = 'sent' AND latest.sentAt >= zone.start) AS sentThisQuarter,
                   MAX(MAX(doc.importedAt, COALESCE(latest.updatedAt, doc.importedAt))) AS lastActivity
            FROM \(DocumentStateSQL.withLatest)
            JOIN dossier ON dossier.name = doc.dossier LEFT JOIN zone ON zone.tz = dossier.timeZone
            WHERE doc.supersededBy IS NULL
            GROUP BY doc.dossier, 2
            """
        let arguments = StatementArguments(quarterStarts.flatMap { [$0.key.databaseValue, $0.value.databaseValue] })
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            guard let index = position[row["dossier"]] else { continue }
            let count: Int = row["count"]
            let state = try UnknownStoredValue.decode(DeliveryState.self, row["state"])
            overviews[index].documents += count
            overviews[index].states[state] = count
            overviews[index].sentThisQuarter += row["sentThisQuarter"] ?? 0
            let last: Date? = row["lastActivity"]
            overviews[index].lastActivity = [overviews[index].lastActivity, last].compactMap { $0 }.max()
        }
        return overviews
    }

    /// The time zones dossiers use, so the caller can say when each one's quarter began.
    static func timeZonesInUse(_ db: Database) throws -> [String] {
        try String.fetchAll(db, DossierRecord.select(Column("timeZone"), as: String.self).distinct())
    }
}
