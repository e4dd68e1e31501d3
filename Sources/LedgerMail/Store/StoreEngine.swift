/// Where LedgerMail keeps its state: SQLite in the data directory (the default, nothing to set
/// up) or a shared PostgreSQL (`database.url`) for many workers. Every operation of the gateway
/// is one transaction, and a transaction only speaks the named queries of `StoreTransaction`:
/// no SQL, column name or engine type leaves `Store/`.
protocol StoreEngine: Sendable {
    /// A read-only transaction: a consistent view, writing in it is an error.
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// A write transaction: all of it or nothing.
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// A write whose every change is to rows it has locked or changes only under a condition on
    /// them (a claim, a settle): the send workers' own. On PostgreSQL it runs at READ COMMITTED,
    /// so workers claiming and settling side by side wait for each other's rows instead of
    /// failing each other's transactions; on SQLite it is `write`.
    func writeLocking<T>(_ body: (any StoreTransaction) throws -> T) throws -> T
    /// Runs `body` (many transactions, network in between) while no other process of the install,
    /// on this machine or another, runs the same pass; waits for one that does to finish.
    func exclusively<T>(_ pass: ExclusivePass, _ body: () async throws -> T) async throws -> T
}

/// Work that only one process of an install may do at a time.
enum ExclusivePass: String, Sendable {
    /// Reading the inbox: two readers would both take each new message.
    case inbox

    /// The key of a PostgreSQL advisory lock: fixed numbers, never reused for another pass.
    var advisoryKey: Int64 {
        switch self {
        case .inbox: 0x4C4D_0001   // "LM", 1
        }
    }
}

/// The named queries of one transaction, one protocol per concern (`Store/Queries/`), each
/// implemented once per engine (`Store/SQLite/`, `Store/PostgreSQL/`).
typealias StoreTransaction = DossierQueries & DocumentQueries & DeliveryQueries & InboundQueries & DigestQueries
    & PeriodQueries & StatusQueries & AccountQueries & FeedQueries
