/// Where LedgerMail keeps its state: SQLite in the data directory (the default, nothing to set
/// up) or a shared PostgreSQL (`database.url`) for many workers. Every operation of the gateway
/// is one transaction, and a transaction only speaks the named queries of `StoreTransaction`:
/// no SQL, column name or engine type leaves `Store/`.
protocol StoreEngine: Sendable {
    /// A read-only transaction: a consistent view, writing in it is an error.
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// A write transaction: all of it or nothing.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
}

/// The named queries of one transaction, one protocol per concern (`Store/Queries/`), each
/// implemented once per engine (`Store/SQLite/`, `Store/PostgreSQL/`).
typealias StoreTransaction = DossierQueries & DocumentQueries & DeliveryQueries & InboundQueries & DigestQueries
    & PeriodQueries & StatusQueries & AccountQueries & FeedQueries
