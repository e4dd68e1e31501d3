import Foundation
import GRDB

/// A document's state, wherever one is shown or filtered: the state of its latest delivery,
/// `held` when it has none, kept on the document (`latestState`, see `registerStatus`).
enum DocumentStateSQL {
    /// Joins each current document (`doc`) to its latest delivery (`latest`, may be NULL), for
    /// what else of that delivery a query needs.
    static let withLatest = """
        document doc LEFT JOIN delivery latest
            ON latest.id = (SELECT MAX(d.id) FROM delivery d WHERE d.documentID = doc.id)
        """
    static let currentDocuments = withLatest + " WHERE doc.supersededBy IS NULL"
    static let state = "doc.latestState"
    /// The current documents alone, when only their state is needed.
    static let current = "document doc WHERE doc.supersededBy IS NULL"
}

extension DocumentFilter {
    /// The filter as conditions to add after `currentDocuments`, with their arguments.
    var conditions: (sql: String, arguments: StatementArguments) {
        var sql = ""
        var arguments: StatementArguments = []
        if let dossier {
            sql += " AND doc.dossier = ?"
            arguments += [dossier]
        }
        if !states.isEmpty {
            sql += " AND \(DocumentStateSQL.state) IN (\(Self.placeholders(states.count)))"
            arguments += StatementArguments(states.map(\.rawValue))
        }
        if !kinds.isEmpty {
            sql += " AND doc.kind IN (\(Self.placeholders(kinds.count)))"
            arguments += StatementArguments(kinds.map(\.rawValue))
        }
        if let period {
            // The quarter-end plan's rule: the day kept on the document (`periodDay`).
            sql += " AND doc.periodDay BETWEEN ? AND ?"
            arguments += [period.firstDay ?? "0000-00-00", period.lastDay]
        }
        if let documentID {
            sql += " AND doc.id = ?"
            arguments += [documentID]
        }
        return (sql, arguments)
    }

    private static func placeholders(_ count: Int) -> String {
        Array(repeating: "?", count: count).joined(separator: ",")
    }
}

extension DocumentRecord {
    /// A page of the current documents the filter selects, by dossier then id, after `position`.
    static func page(_ filter: DocumentFilter, after position: DocumentPosition?, limit: Int,
                     _ db: Database) throws -> [DocumentWithState] {
        var (sql, arguments) = filter.conditions
        sql = "SELECT doc.*, \(DocumentStateSQL.state) AS documentState FROM \(DocumentStateSQL.current)" + sql
        if let position {
            sql += " AND (doc.dossier, doc.id) > (?, ?)"
            arguments += [position.dossier, position.id]
        }
        sql += " ORDER BY doc.dossier, doc.id LIMIT ?"
        arguments += [max(0, limit)]
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            DocumentWithState(document: try DocumentRecord(row: row),
                              state: try UnknownStoredValue.decode(DeliveryState.self, row["documentState"]))
        }
    }

    /// How many current documents the filter selects, per kind and state.
    static func counts(_ filter: DocumentFilter, _ db: Database) throws -> [DocumentCount] {
        let (conditions, arguments) = filter.conditions
        let sql = """
            SELECT doc.kind AS kind, \(DocumentStateSQL.state) AS documentState, COUNT(*) AS count
            FROM \(DocumentStateSQL.current)\(conditions) GROUP BY 1, 2 ORDER BY 1, 2
            """
        return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
            let kind: DatabaseValue = row["kind"]
            return DocumentCount(kind: kind.isNull ? nil : try UnknownStoredValue.decode(DocumentKind.self, kind),
                                 state: try UnknownStoredValue.decode(DeliveryState.self, row["documentState"]),
                                 count: row["count"])
        }
    }
}
