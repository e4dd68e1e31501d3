import Foundation
import PostgresNIO

extension PostgresTransaction: StatusQueries {
    func documentPage(_ filter: DocumentFilter, after position: DocumentPosition?, limit: Int) throws -> [DocumentWithState] {
        var query = try filter.postgresConditions()
        if let position {
            let (dossier, id) = (try query.next(position.dossier), try query.next(position.id))
            query.sql += " AND (doc.\"dossier\", doc.\"id\") > (\(dossier), \(id))"
        }
        let count = try query.next(Int64(max(0, limit)))
        query.sql += " ORDER BY doc.\"dossier\", doc.\"id\" LIMIT \(count)"
        struct State: Decodable { let latestState: DeliveryState }
        let sql = #"SELECT doc.* FROM "document" doc WHERE doc."supersededBy" IS NULL"# + query.sql
        return try run(sql, query.binds).rows.map { row in
            DocumentWithState(document: try PostgresRowDecoder.decode(DocumentRecord.self, from: row),
                              state: try PostgresRowDecoder.decode(State.self, from: row).latestState)
        }
    }

    func deliveries(ofDocuments ids: [Int64]) throws -> [Int64: [DeliveryRecord]] {
        let rows = try fetchAll(DeliveryRecord.self, #"SELECT * FROM "delivery" WHERE "documentID" = ANY($1) ORDER BY "id""#, try .of(ids))
        return Dictionary(grouping: rows, by: \.documentID)
    }

    func recipients(ofDeliveries ids: [Int64]) throws -> [Int64: [RecipientRecord]] {
        let rows = try fetchAll(RecipientRecord.self, #"SELECT * FROM "deliveryRecipient" WHERE "deliveryID" = ANY($1) ORDER BY "id""#, try .of(ids))
        return Dictionary(grouping: rows, by: \.deliveryID)
    }

    func inbound(ofDeliveries ids: [Int64]) throws -> [Int64: [InboundRecord]] {
        let rows = try fetchAll(InboundRecord.self, #"SELECT * FROM "inbound" WHERE "deliveryID" = ANY($1) ORDER BY "id""#, try .of(ids))
        return Dictionary(grouping: rows) { $0.deliveryID ?? 0 }
    }

    func documentCounts(_ filter: DocumentFilter) throws -> [DocumentCount] {
        let query = try filter.postgresConditions()
        struct Count: Decodable { let kind: DocumentKind?; let latestState: DeliveryState; let count: Int64 }
        return try fetchAll(Count.self, """
            SELECT doc."kind" AS "kind", doc."latestState" AS "latestState", COUNT(*) AS "count"
            FROM "document" doc WHERE doc."supersededBy" IS NULL\(query.sql)
            GROUP BY 1, 2 ORDER BY 1 NULLS FIRST, 2
            """, query.binds).map { DocumentCount(kind: $0.kind, state: $0.latestState, count: Int($0.count)) }
    }
}

/// A filter's conditions as SQL with `$n` placeholders, numbered as values are bound.
struct PostgresConditions {
    var sql = ""
    var binds = PostgresBindings()
    private var count = 0

    /// The placeholder of one more value.
    mutating func next<T: Encodable>(_ value: T) throws -> String {
        try PostgresRecordEncoder.bind(value, into: &binds)
        count += 1
        return "$\(count)"
    }
}

extension DocumentFilter {
    /// The filter as conditions after `WHERE doc."supersededBy" IS NULL`: the SQLite side's rules.
    func postgresConditions() throws -> PostgresConditions {
        var query = PostgresConditions()
        if let dossier {
            let value = try query.next(dossier)
            query.sql += " AND doc.\"dossier\" = \(value)"
        }
        if !states.isEmpty {
            let values = try query.next(states.map(\.rawValue))
            query.sql += " AND doc.\"latestState\" = ANY(\(values))"
        }
        if !kinds.isEmpty {
            let values = try query.next(kinds.map(\.rawValue))
            query.sql += " AND doc.\"kind\" = ANY(\(values))"
        }
        if let period {
            let (first, last) = (try query.next(period.firstDay ?? "0000-00-00"), try query.next(period.lastDay))
            // The quarter-end plan's rule: the day kept on the document (`periodDay`).
            query.sql += " AND doc.\"periodDay\" BETWEEN \(first) AND \(last)"
        }
        if let documentID {
            let value = try query.next(documentID)
            query.sql += " AND doc.\"id\" = \(value)"
        }
        return query
    }
}
