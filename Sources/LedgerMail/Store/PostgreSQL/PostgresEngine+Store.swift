/// The PostgreSQL engine as the gateway's store: every named query of `StoreTransaction` is
/// implemented on `PostgresTransaction`, one file per concern in this folder.
extension PostgresEngine: StoreEngine {
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try read { (tx: PostgresTransaction) in try body(tx) }
    }

    /// Serializable, retried when PostgreSQL finds two transactions that could not have run one
    /// after the other: the gateway's write bodies do database work only, so a retry is safe.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try write(isolation: .serializable) { (tx: PostgresTransaction) in try body(tx) }
    }

    func writeLocking<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try write(isolation: .readCommitted) { (tx: PostgresTransaction) in try body(tx) }
    }
}
