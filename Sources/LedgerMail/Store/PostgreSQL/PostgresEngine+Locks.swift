import Crypto
import Foundation
import PostgresNIO

extension PostgresEngine {
    /// Runs `body` while this process holds the database-wide lock `name` (a PostgreSQL
    /// advisory lock), so one worker of all those on the database does it at a time (the
    /// inbox). Returns nil at once, without running `body`, while another one holds it. The lock
    /// lives on a connection of its own: a worker that dies loses it with its connection.
    func whileHolding<T>(lock name: String, _ body: () throws -> T) throws -> T? {
        let key = try PostgresBindings.of(Self.lockKey(name))
        return try pool.withConnection { connection in
            let session = PostgresTransaction(connection: connection, connector: pool.connector)
            guard try session.fetchValue(Bool.self, "SELECT pg_try_advisory_lock($1)", key) == true else { return nil }
            defer { if (try? session.execute("SELECT pg_advisory_unlock($1)", key)) == nil { try? connection.close().wait() } }
            return try body()
        }
    }

    /// A lock's name as the 64-bit key PostgreSQL wants: the first 8 bytes of its SHA-256.
    static func lockKey(_ name: String) -> Int64 {
        SHA256.hash(data: Data(("ledgermail:" + name).utf8)).prefix(8).reduce(0) { $0 << 8 | Int64($1) }
    }

    /// Points each table's id sequence past the highest id, after rows were inserted with their
    /// own ids (`db copy` keeps them, so links between tables stay right).
    func resetIDSequences() throws {
        try write { transaction in
            let tables = try transaction.fetchAll(String.self, """
                SELECT table_name::text FROM information_schema.columns
                WHERE table_schema = current_schema() AND column_name = 'id' AND column_default LIKE 'nextval(%'
                """)
            for table in tables {
                let quoted = PostgresTransaction.quoted(table)
                try transaction.execute("SELECT setval(pg_get_serial_sequence($1, 'id'), coalesce((SELECT max(\"id\") FROM \(quoted)), 0) + 1, false)",
                                        try .of(quoted))
            }
        }
    }

    /// After a bulk load (`db copy`): the planner's statistics and the visibility map brought up
    /// to date now, not when autovacuum next comes by. Before that, PostgreSQL plans blind and
    /// reads table rows where an index alone would answer (a copied 100,000-document dossier's
    /// `status --summary`: 107 ms on the command line, 60 ms after).
    func analyzeAfterBulkLoad() throws {
        try pool.withConnection { connection in
            // VACUUM refuses to run inside a transaction: a statement of its own.
            _ = try PostgresTransaction(connection: connection, connector: pool.connector).execute("VACUUM (ANALYZE)")
        }
    }
}
