import Foundation
import GRDB

/// A document's state, wherever one is shown or filtered: the state of its latest delivery,
/// `held` when it has none. One join, shared by the overview and the filtered status.
enum DocumentStateSQL {
    /// Joins each current document (`doc`) to its latest delivery (`latest`, may be NULL).
    static let withLatest = """
        document doc LEFT JOIN delivery latest
            ON latest.id = (SELECT MAX(d.id) FROM delivery d WHERE d.documentID = doc.id)
        """
    static let currentDocuments = withLatest + " WHERE doc.supersededBy IS NULL"
    static let state = "COALESCE(latest.state, 'held')"
}

/// Which current documents `status` lists: one dossier or all, narrowed by state and kind.
public struct DocumentFilter: Sendable, Equatable {
    public var dossier: String?
    /// Empty: any state.
    public var states: Set<DeliveryState>
    /// Empty: any kind (and documents without one).
    public var kinds: Set<DocumentKind>
    /// Documents of the period (by issue date, else import date), or of any.
    public var period: Period?
    /// One document only.
    public var documentID: Int64?
    /// At most this many (the first by dossier and id).
    public var limit: Int?

    public init(dossier: String? = nil, states: Set<DeliveryState> = [], kinds: Set<DocumentKind> = [], period: Period? = nil,
                documentID: Int64? = nil, limit: Int? = nil) {
        self.dossier = dossier
        self.states = states
        self.kinds = kinds
        self.period = period
        self.documentID = documentID
        self.limit = limit
    }
}

extension DocumentRecord {
    /// The current documents the filter selects, by dossier then id, with each one's state.
    static func matching(_ filter: DocumentFilter, _ db: Database) throws -> [(document: DocumentRecord, state: DeliveryState)] {
        var sql = "SELECT doc.*, \(DocumentStateSQL.state) AS documentState FROM \(DocumentStateSQL.currentDocuments)"
        var arguments: StatementArguments = []
        if let dossier = filter.dossier {
            sql += " AND doc.dossier = ?"
            arguments += [dossier]
        }
        if !filter.states.isEmpty {
            sql += " AND \(DocumentStateSQL.state) IN (\(placeholders(filter.states.count)))"
            arguments += StatementArguments(filter.states.map(\.rawValue))
        }
        if !filter.kinds.isEmpty {
            sql += " AND doc.kind IN (\(placeholders(filter.kinds.count)))"
            arguments += StatementArguments(filter.kinds.map(\.rawValue))
        }
        if let period = filter.period {
            // The issue date's calendar day (a zone suffix does not change it) when it is one, else
            // the import day: the quarter-end plan's rule (`Period.calendarDay`).
            sql += """
                 AND (CASE WHEN doc.issueDate GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
                      THEN substr(doc.issueDate, 1, 10) ELSE date(doc.importedAt) END) BETWEEN ? AND ?
                """
            arguments += [period.firstDay ?? "0000-00-00", period.lastDay]
        }
        if let id = filter.documentID {
            sql += " AND doc.id = ?"
            arguments += [id]
        }
        sql += " ORDER BY doc.dossier, doc.id"
        if let limit = filter.limit {
            sql += " LIMIT ?"
            arguments += [max(0, limit)]
        }
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            (try DocumentRecord(row: row), try UnknownStoredValue.decode(DeliveryState.self, row["documentState"]))
        }
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}
