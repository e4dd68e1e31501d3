import Foundation
import GRDB
import Testing
@testable import LedgerMail

@Suite("PostgreSQL schema", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
struct PostgresMigrationTests {
    @Test("opening a database twice applies each migration once and changes nothing the second time")
    func idempotent() async throws {
        let counts = try await TestPostgres.withDatabase { settings in
            let first = try PostgresEngine(settings: settings)
            first.close()
            let second = try PostgresEngine(settings: settings)
            defer { second.close() }
            return try second.read { transaction in
                (try transaction.fetchValue(Int.self, #"SELECT count(*) FROM "schemaMigration""#),
                 try transaction.fetchValue(Int.self, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'"))
            }
        }
        #expect(counts.0 == PostgresMigrations.all.count)
        #expect(counts.1 == Self.sqliteSchema().count + 3)   // + blob, secret, schemaMigration
    }

    @Test("four processes opening a new database at once all succeed, and the schema is made once")
    func concurrentOpens() async throws {
        let (failures, migrations) = try await TestPostgres.withDatabase { settings in
            let failures = Gathered<String>()
            DispatchQueue.concurrentPerform(iterations: 4) { _ in
                do { try PostgresEngine(settings: settings, connections: 1).close() } catch { failures.add(error) }
            }
            let engine = try PostgresEngine(settings: settings)
            defer { engine.close() }
            return (failures.all, try engine.read { try $0.fetchAll(String.self, #"SELECT "name" FROM "schemaMigration""#) })
        }
        #expect(failures.isEmpty, "\(failures)")
        #expect(migrations == PostgresMigrations.all.map(\.name))
    }

    @Test("every table, column and index of the SQLite schema is in the PostgreSQL schema, by the same name")
    func sameAsSQLite() async throws {
        let postgres = try await TestPostgres.withEngine { engine in
            try engine.read { transaction in
                let columns = try transaction.fetchAll(TableColumn.self, """
                    SELECT table_name::text AS "table", column_name::text AS "column" FROM information_schema.columns WHERE table_schema = 'public'
                    """)
                let indexes = try transaction.fetchAll(String.self, "SELECT indexname::text FROM pg_indexes WHERE schemaname = 'public'")
                return (Dictionary(grouping: columns, by: \.table).mapValues { Set($0.map(\.column)) }, Set(indexes))
            }
        }
        let sqlite = Self.sqliteSchema()
        for (table, columns) in sqlite.tables {
            #expect(postgres.0[table] == columns, "table \(table)")
        }
        #expect(sqlite.indexes.isSubset(of: postgres.1), "missing: \(sqlite.indexes.subtracting(postgres.1))")
    }

    struct TableColumn: Decodable, Sendable {
        var table: String
        var column: String
    }

    /// The tables (with their columns) and the named indexes that Migrations.swift gives SQLite.
    static func sqliteSchema() -> (tables: [String: Set<String>], indexes: Set<String>, count: Int) {
        let queue = try! DatabaseQueue()
        try! Migrations.migrator.migrate(queue)
        return try! queue.read { db in
            let names = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%'")
            var tables: [String: Set<String>] = [:]
            for name in names { tables[name] = Set(try db.columns(in: name).map(\.name)) }
            let indexes = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL")
            return (tables, Set(indexes), tables.count)
        }
    }
}
