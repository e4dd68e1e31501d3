import Foundation
import GRDB

/// One SQLite transaction, as the named queries of `StoreTransaction` (one extension per concern
/// in this folder, written with GRDB's records and requests).
struct SQLiteTransaction {
    let db: Database
}

extension LedgerDatabase: StoreEngine {
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try read { (db: Database) in try body(SQLiteTransaction(db: db)) }
    }

    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try write { (db: Database) in try body(SQLiteTransaction(db: db)) }
    }

    /// SQLite has one writer at a time: every write is already as good as serial.
    func writeLocking<T>(_ body: (any StoreTransaction) throws -> T) throws -> T { try write(body) }

    /// A lock file beside the database (`inbox.lock`): the kernel drops it when the process dies.
    func exclusively<T>(_ pass: ExclusivePass, _ body: () async throws -> T) async throws -> T {
        let lock = try await DirectoryLock.acquire(pass.rawValue, in: URL(fileURLWithPath: path).deletingLastPathComponent())
        defer { withExtendedLifetime(lock) {} }
        return try await body()
    }
}
