import Foundation
import GRDB
import PostgresNIO

/// What `db copy` moved, table by table, and what it checked.
public struct StoreCopyReport: Sendable {
    /// Rows per table, equal on both sides (checked after the copy).
    public var rows: [(table: String, count: Int)] = []
    /// Stored files copied, each one's SHA-256 recomputed by PostgreSQL.
    public var blobs = 0
    public var blobBytes: Int64 = 0
}

/// The copy target already holds an install: `db copy` writes only into an empty database.
struct CopyTargetNotEmpty: Error, Sendable, CustomStringConvertible {
    public let target: String
    public let table: String
    public var description: String {
        "\(target) already holds LedgerMail data (its \(table) table has rows): copy into a new, empty database (createdb), never over an install"
    }
}

/// What `db copy` found different after copying: nothing is used until it is right.
struct CopyNotVerified: Error, Sendable, CustomStringConvertible {
    public let what: String
    public var description: String { "the copy does not match the source: \(what). Drop the target database and run db copy again" }
}

/// `ledgermail db copy --to postgres://…`: an SQLite install (its database, its stored files
/// and its VERP key) into an empty PostgreSQL database, then checked: the same rows in every
/// table, the same key, and every file's SHA-256 recomputed on the server.
///
/// Tables are copied generically, in the order their foreign keys need, each column converted
/// by the PostgreSQL column's type (SQLite keeps dates as text and booleans as integers), so a
/// table added later is copied without a change here.
public enum StoreCopy {
    static func copy(from settings: Settings, to target: PostgresSettings,
                            progress: (String) -> Void = { _ in }) throws -> StoreCopyReport {
        let source = try LedgerDatabase(path: settings.databasePath)
        let engine = try PostgresEngine(settings: target)
        defer { engine.close() }
        let tables = try source.read { db in try orderedTables(db) }
        try engine.read { tx in
            for table in tables where try tx.fetchValue(Bool.self, "SELECT EXISTS (SELECT 1 FROM \(PostgresTransaction.quoted(table)))") == true {
                throw CopyTargetNotEmpty(target: target.description, table: table)
            }
        }
        var report = StoreCopyReport()
        try engine.write { tx in
            for table in tables {
                let count = try copyTable(table, from: source, into: tx)
                progress("\(table): \(count) row(s)")
                report.rows.append((table, count))
            }
            try tx.execute(#"INSERT INTO "secret" ("name", "value") VALUES ('verp', $1) ON CONFLICT ("name") DO UPDATE SET "value" = EXCLUDED."value""#,
                           try .of(try Data(contentsOf: settings.verpKeyPath)))
        }
        // The next id PostgreSQL hands out follows the copied ones.
        try engine.resetIDSequences()
        (report.blobs, report.blobBytes) = try copyBlobs(BlobStore(directory: settings.blobDirectory), into: engine, progress: progress)
        try verify(report, source: source, settings: settings, engine: engine)
        try engine.analyzeAfterBulkLoad()
        return report
    }

    /// The tables of the SQLite schema, parents before children.
    static func orderedTables(_ db: Database) throws -> [String] {
        let names = try String.fetchAll(db, sql: """
            SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name
            """)
        var parents: [String: Set<String>] = [:]
        for name in names {
            parents[name] = Set(try Row.fetchAll(db, sql: "SELECT \"table\" FROM pragma_foreign_key_list(?)", arguments: [name])
                .map { $0["table"] as String }.filter { $0 != name })
        }
        var ordered: [String] = []
        while ordered.count < names.count {
            guard let next = names.first(where: { !ordered.contains($0) && parents[$0, default: []].isSubset(of: ordered) }) else {
                throw CopyNotVerified(what: "the tables' foreign keys form a cycle")
            }
            ordered.append(next)
        }
        return ordered
    }
}

extension StoreCopy {
    /// `db copy --to URL`: the target with `database.password` (or LEDGERMAIL_DATABASE_PASSWORD)
    /// and `tls.ca_file` from the configuration.
    public static func copy(from settings: Settings, toURL url: String,
                            progress: @escaping @Sendable (String) -> Void = { _ in }) async throws -> StoreCopyReport {
        let credentials = settings.databaseCopyCredentials
        let target = try PostgresSettings.parse(url: url, password: credentials.password, caFile: credentials.caFile, place: "--to")
        // The engines block: off the cooperative pool.
        return try await runBlocking { try copy(from: settings, to: target, progress: progress) }
    }
}
