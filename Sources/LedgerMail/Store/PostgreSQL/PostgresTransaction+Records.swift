import PostgresNIO

/// Records written by their `Encodable` conformance: the column names are the property names,
/// quoted (the schema's identifiers are camelCase).
extension PostgresTransaction {
    /// Inserts `record`, every property a column (a nil `id` left to the sequence); with
    /// `ignoringConflicts`, a row that would break a unique key is skipped instead. Returns how
    /// many rows went in (0 or 1).
    @discardableResult
    func insert<T: Encodable>(_ record: T, into table: String, ignoringConflicts: Bool = false) throws -> Int {
        let columns = try PostgresRecordEncoder.encode(record, omittedWhenNil: ["id"])
        return try execute(Self.insertSQL(table, columns.names) + (ignoringConflicts ? " ON CONFLICT DO NOTHING" : ""), columns.binds)
    }

    /// Inserts many records (all with an `id` or all without) with few statements (one per batch of rows, as many as the
    /// protocol's 65,535 binds allow): an import or `db copy` does not pay a round trip a row.
    /// Returns how many rows went in.
    @discardableResult
    func insertAll<T: Encodable>(_ records: [T], into table: String, ignoringConflicts: Bool = false) throws -> Int {
        guard let first = records.first else { return 0 }
        let names = try PostgresRecordEncoder.encode(first, omittedWhenNil: ["id"]).names
        let rowsPerStatement = max(1, Int(UInt16.max) / max(names.count, 1))
        var inserted = 0
        for start in stride(from: 0, to: records.count, by: rowsPerStatement) {
            var binds = PostgresBindings()
            var rows: [String] = []
            for record in records[start..<min(start + rowsPerStatement, records.count)] {
                let columns = try PostgresRecordEncoder.encode(record, omittedWhenNil: ["id"], after: binds)
                guard columns.names == names else {
                    throw DatabaseRowMismatch(description: "the records for \(table) do not all have the same columns")
                }
                let first = binds.count + 1
                rows.append("(" + (first..<first + names.count).map { "$\($0)" }.joined(separator: ", ") + ")")
                binds = columns.binds
            }
            let sql = "INSERT INTO \(Self.quoted(table)) (\(names.map(Self.quoted).joined(separator: ", "))) VALUES "
                + rows.joined(separator: ", ") + (ignoringConflicts ? " ON CONFLICT DO NOTHING" : "")
            inserted += try execute(sql, binds)
        }
        return inserted
    }

    /// Inserts `record` and returns its `id`: the sequence's while the record's is nil.
    func insertReturningID<T: Encodable>(_ record: T, into table: String) throws -> Int64 {
        let columns = try PostgresRecordEncoder.encode(record, omittedWhenNil: ["id"])
        guard let id = try fetchValue(Int64.self, Self.insertSQL(table, columns.names) + " RETURNING \"id\"", columns.binds) else {
            throw DatabaseRowMismatch(description: "INSERT INTO \(table) returned no id")
        }
        return id
    }

    /// Writes every property of `record` to the row whose `key` columns hold the record's own
    /// values. Returns how many rows changed (0: no such row).
    @discardableResult
    func update<T: Encodable>(_ record: T, in table: String, key: [String] = ["id"]) throws -> Int {
        let columns = try PostgresRecordEncoder.encode(record)
        // Every value is bound once, by position; SET and WHERE refer to the ones they need.
        let placed = columns.names.enumerated().map { (name: $0.element, parameter: "$\($0.offset + 1)") }
        let assignments = placed.filter { !key.contains($0.name) }.map { "\(Self.quoted($0.name)) = \($0.parameter)" }
        let conditions = placed.filter { key.contains($0.name) }.map { "\(Self.quoted($0.name)) = \($0.parameter)" }
        guard conditions.count == key.count, !assignments.isEmpty else {
            throw DatabaseRowMismatch(description: "\(T.self) has no properties \(key) to find its row in \(table) by, or nothing else to write")
        }
        let sql = "UPDATE \(Self.quoted(table)) SET \(assignments.joined(separator: ", ")) WHERE \(conditions.joined(separator: " AND "))"
        return try execute(sql, columns.binds)
    }

    static func insertSQL(_ table: String, _ names: [String]) -> String {
        let parameters = (1...max(names.count, 1)).map { "$\($0)" }
        guard !names.isEmpty else { return "INSERT INTO \(quoted(table)) DEFAULT VALUES" }
        return "INSERT INTO \(quoted(table)) (\(names.map(quoted).joined(separator: ", "))) VALUES (\(parameters.joined(separator: ", ")))"
    }

    /// An identifier as PostgreSQL keeps its case: in double quotes, a quote doubled.
    static func quoted(_ identifier: String) -> String {
        "\"" + identifier.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
