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
}
