import GRDB

extension SQLiteTransaction {
    /// Reads `SELECT a.*, b.*` rows as two records: one scope per table, named by the table.
    static func split(_ db: Database, _ first: String, _ second: String) throws -> ScopeAdapter {
        let adapters = splittingRowAdapters(columnCounts: [try db.columns(in: first).count, try db.columns(in: second).count])
        return ScopeAdapter([first: adapters[0], second: adapters[1]])
    }
}

extension DocumentDelivery {
    /// `SELECT doc.*, d.* …` rows (a LEFT JOIN's missing delivery: all NULL) as documents with their delivery.
    static func fetchAll(_ db: Database, sql: String, arguments: StatementArguments) throws -> [DocumentDelivery] {
        let adapter = try SQLiteTransaction.split(db, "document", "delivery")
        return try Row.fetchAll(db, sql: sql, arguments: arguments, adapter: adapter).map { row in
            let delivery = row.scopes["delivery"].flatMap { $0.containsNonNullValue ? $0 : nil }
            return DocumentDelivery(document: try DocumentRecord(row: row.scopes["document"]!),
                                    delivery: try delivery.map { try DeliveryRecord(row: $0) })
        }
    }
}
