import Foundation
import GRDB
import PostgresNIO

extension StoreCopy {
    /// Every stored file into the `blob` table, about 32 MB to a transaction; how many and their bytes.
    static func copyBlobs(_ files: BlobStore, into engine: PostgresEngine, progress: (String) -> Void) throws -> (Int, Int64) {
        let blobs = PostgresBlobStore(engine: engine, cacheDirectory: FileManager.default.temporaryDirectory)
        var batch: [Data] = [], batchBytes = 0, count = 0, bytes: Int64 = 0
        func flush() throws {
            guard !batch.isEmpty else { return }
            try blobs.putAll(batch)
            count += batch.count
            batch.removeAll()
            batchBytes = 0
        }
        for hash in try files.allHashes() {
            let data = try files.get(hash)   // checked against its hash on the way
            batch.append(data)
            batchBytes += data.count
            bytes += Int64(data.count)
            if batchBytes > 32 << 20 { try flush() }
        }
        try flush()
        progress("stored files: \(count) (\(ByteSize(bytes: Int(bytes))))")
        return (count, bytes)
    }

    /// The same rows in every table, the same VERP key, and every file whole on the server.
    static func verify(_ report: StoreCopyReport, source: LedgerDatabase, settings: Settings, engine: PostgresEngine) throws {
        try engine.read { tx in
            for (table, copied) in report.rows {
                let there = try tx.fetchValue(Int64.self, "SELECT COUNT(*) FROM \(PostgresTransaction.quoted(table))") ?? 0
                let here = try source.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.quotedDatabaseIdentifier)") ?? 0 }
                guard there == Int64(here), here == copied else {
                    throw CopyNotVerified(what: "\(table) has \(here) row(s) here and \(there) there")
                }
            }
            let key = try tx.fetchValue(Data.self, #"SELECT "value" FROM "secret" WHERE "name" = 'verp'"#)
            guard key == (try Data(contentsOf: settings.verpKeyPath)) else { throw CopyNotVerified(what: "the VERP key differs") }
            let blobs = try tx.fetchValue(Int64.self, #"SELECT COUNT(*) FROM "blob""#) ?? 0
            let broken = try tx.fetchValue(Int64.self, #"SELECT COUNT(*) FROM "blob" WHERE encode(sha256("bytes"), 'hex') <> "sha256""#) ?? 0
            guard blobs == Int64(report.blobs), broken == 0 else {
                throw CopyNotVerified(what: "\(blobs) stored file(s) there for \(report.blobs) here, \(broken) of them not matching their SHA-256")
            }
        }
    }
}
