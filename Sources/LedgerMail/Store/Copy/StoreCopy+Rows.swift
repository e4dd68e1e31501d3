import Foundation
import GRDB
import PostgresNIO

extension StoreCopy {
    /// PostgreSQL's type of each column of `table` (information_schema's `data_type`).
    static func columnTypes(_ table: String, _ tx: PostgresTransaction) throws -> [String: String] {
        struct Column: Decodable { let name: String; let type: String }
        let columns = try tx.fetchAll(Column.self, """
            SELECT column_name AS "name", data_type AS "type" FROM information_schema.columns
            WHERE table_schema = current_schema() AND table_name = $1
            """, try .of(table))
        return Dictionary(uniqueKeysWithValues: columns.map { ($0.name, $0.type) })
    }

    /// Copies every row of `table`, 200 to a statement; returns how many. A column that points at
    /// its own table (a document's newer version) is written in a second pass, once every row is in.
    static func copyTable(_ table: String, from source: LedgerDatabase, into tx: PostgresTransaction) throws -> Int {
        let types = try columnTypes(table, tx)
        let selfReferences: Set<String> = try source.read { db in
            Set(try Row.fetchAll(db, sql: "SELECT \"from\" FROM pragma_foreign_key_list(?) WHERE \"table\" = ?", arguments: [table, table])
                .map { $0["from"] as String })
        }
        var count = 0
        try source.read { db in
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.quotedDatabaseIdentifier) ORDER BY rowid")
            var batch: [Row] = []
            func flush() throws {
                guard let first = batch.first else { return }
                let columns = Array(first.columnNames)
                for column in columns where types[column] == nil {
                    throw CopyNotVerified(what: "PostgreSQL's \(table) has no column \(column): is it older than this LedgerMail?")
                }
                var binds = PostgresBindings()
                var tuples: [String] = []
                for row in batch {
                    var placeholders: [String] = []
                    for column in columns {
                        try bind(selfReferences.contains(column) ? .null : row[column] as DatabaseValue, as: types[column]!,
                                 into: &binds, what: "\(table).\(column)")
                        placeholders.append("$\(binds.count)")
                    }
                    tuples.append("(" + placeholders.joined(separator: ", ") + ")")
                }
                try tx.execute("INSERT INTO \(PostgresTransaction.quoted(table)) (\(columns.map(PostgresTransaction.quoted).joined(separator: ", "))) VALUES "
                               + tuples.joined(separator: ", "), binds)
                count += batch.count
                batch.removeAll(keepingCapacity: true)
            }
            while let row = try rows.next() {
                batch.append(row.copy())
                if batch.count == 200 { try flush() }
            }
            try flush()
            for column in selfReferences {
                let pairs = try Row.fetchAll(db, sql: "SELECT id, \(column.quotedDatabaseIdentifier) AS ref FROM \(table.quotedDatabaseIdentifier) WHERE \(column.quotedDatabaseIdentifier) IS NOT NULL")
                for pair in pairs {
                    try tx.execute("UPDATE \(PostgresTransaction.quoted(table)) SET \(PostgresTransaction.quoted(column)) = $2 WHERE \"id\" = $1",
                                   try .of(pair["id"] as Int64, pair["ref"] as Int64))
                }
            }
        }
        return count
    }

    /// One SQLite value as the PostgreSQL column's type wants it.
    static func bind(_ value: DatabaseValue, as type: String, into binds: inout PostgresBindings, what: String) throws {
        if value.isNull { binds.appendNull(); return }
        switch type {
        case "timestamp with time zone":
            guard let date = Date.fromDatabaseValue(value) else { throw CopyNotVerified(what: "\(what) holds \(value), not a date") }
            binds.append(date)
        case "boolean":
            guard let flag = Bool.fromDatabaseValue(value) else { throw CopyNotVerified(what: "\(what) holds \(value), not a boolean") }
            binds.append(flag)
        case "bigint", "integer", "smallint":
            guard let number = Int64.fromDatabaseValue(value) else { throw CopyNotVerified(what: "\(what) holds \(value), not a number") }
            binds.append(number)
        case "double precision", "real":
            guard let number = Double.fromDatabaseValue(value) else { throw CopyNotVerified(what: "\(what) holds \(value), not a number") }
            binds.append(number)
        case "bytea":
            guard let data = Data.fromDatabaseValue(value) else { throw CopyNotVerified(what: "\(what) holds \(value), not bytes") }
            try binds.append(data)
        default:
            guard let text = String.fromDatabaseValue(value) else { throw CopyNotVerified(what: "\(what) holds \(value), not text") }
            binds.append(text)
        }
    }
}
