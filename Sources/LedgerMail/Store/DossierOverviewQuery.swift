import Foundation
import GRDB

/// One line of `dossier list`: how many current documents are in each state, how many went out
/// this quarter, and when anything last happened.
public struct DossierOverview: Sendable, Equatable {
    public var name: String
    public var company: String
    public var archived: Bool
    public var documents: Int
    /// Current documents per state (a document's state is its latest delivery's).
    public var states: [DeliveryState: Int]
    /// Documents whose latest delivery went out since the start of the quarter (the dossier's time zone).
    public var sentThisQuarter: Int
    public var lastActivity: Date?
}

extension DossierOverview {
    /// Every dossier in one query, however many there are: grouped by dossier and state.
    /// `quarterStarts` gives, per time zone in use, when the current quarter began there.
    static func all(quarterStarts: [String: Date], _ db: Database) throws -> [DossierOverview] {
        let zones = quarterStarts.isEmpty ? "SELECT NULL AS tz, NULL AS start WHERE 0"
            : quarterStarts.map { _ in "SELECT ?, ?" }.joined(separator: " UNION ALL ")
        let sql = """
            WITH zone(tz, start) AS (\(zones)),
            current AS (
                SELECT doc.id, doc.dossier, doc.importedAt, \(DocumentStateSQL.state) AS state,
                       latest.sentAt, latest.updatedAt
                FROM \(DocumentStateSQL.currentDocuments)
            )
            SELECT dossier.name, dossier.company, dossier.archivedAt IS NOT NULL AS archived,
                   current.state, COUNT(current.id) AS count,
                   SUM(current.state = 'sent' AND current.sentAt >= zone.start) AS sentThisQuarter,
                   MAX(MAX(current.importedAt, COALESCE(current.updatedAt, current.importedAt))) AS lastActivity
            FROM dossier
            LEFT JOIN current ON current.dossier = dossier.name
            LEFT JOIN zone ON zone.tz = dossier.timeZone
            GROUP BY dossier.name, current.state
            ORDER BY dossier.name
            """
        let arguments = StatementArguments(quarterStarts.flatMap { [$0.key.databaseValue, $0.value.databaseValue] })
        var overviews: [DossierOverview] = []
        for row in try Row.fetchAll(db, sql: sql, arguments: arguments) {
            let name: String = row["name"]
            if overviews.last?.name != name {
                overviews.append(DossierOverview(name: name, company: row["company"], archived: row["archived"], documents: 0,
                                                 states: [:], sentThisQuarter: 0, lastActivity: nil))
            }
            let count: Int = row["count"]
            guard count > 0 else { continue }
            let state = try UnknownStoredValue.decode(DeliveryState.self, row["state"])
            overviews[overviews.count - 1].documents += count
            overviews[overviews.count - 1].states[state] = count
            overviews[overviews.count - 1].sentThisQuarter += row["sentThisQuarter"] ?? 0
            let last: Date? = row["lastActivity"]
            overviews[overviews.count - 1].lastActivity = [overviews[overviews.count - 1].lastActivity, last].compactMap { $0 }.max()
        }
        return overviews
    }

    /// The time zones dossiers use, so the caller can say when each one's quarter began.
    static func timeZonesInUse(_ db: Database) throws -> [String] {
        try String.fetchAll(db, DossierRecord.select(Column("timeZone"), as: String.self).distinct())
    }
}
