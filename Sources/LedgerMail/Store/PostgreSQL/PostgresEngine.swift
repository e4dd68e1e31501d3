import Foundation
import Logging
import PostgresNIO

/// The PostgreSQL engine: synchronous transactions over a small pool of postgres-nio
/// connections. Callers run off the cooperative pool and off every event loop (`runBlocking`).
final class PostgresEngine: Sendable {
    /// Enough for a worker's sender, inbox and web face at once without hogging the server's
    /// `max_connections` when many workers share it.
    static let defaultConnections = 4
    /// A transaction another one got in the way of is run again this many times in all.
    static let attempts = 5

    let settings: PostgresSettings
    let pool: PostgresConnectionPool

    /// Connects (so a wrong URL, password or database is said now, not at the first query) and
    /// brings the schema up to date.
    init(settings: PostgresSettings, connections: Int = defaultConnections, logger: Logger = PostgresEngine.quietLogger) throws {
        self.settings = settings
        pool = PostgresConnectionPool(connector: try PostgresConnector(settings: settings, logger: logger), limit: connections)
        do { try PostgresMigrations.apply(self) } catch {
            pool.shutDown()
            throw error
        }
    }

    /// The driver logs connection chatter at debug level; only its errors are worth a line.
    static var quietLogger: Logger {
        var logger = Logger(label: "ledgermail.postgres")
        logger.logLevel = .error
        return logger
    }

    /// A read-only transaction on one snapshot: every query in `body` sees the same data.
    func read<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// A transaction that writes, committed when `body` returns and rolled back when it throws.
    /// Serializable by default, like SQLite's single writer: the result is as if the
    /// transactions ran one after another. When PostgreSQL finds two that could not have
    /// (SQLSTATE 40001) or a deadlock (40P01), `body` runs again, so it must do nothing but
    /// database work that a retry may repeat.
    @discardableResult
    func write<T>(isolation: PostgresIsolation = .serializable, _ body: (PostgresTransaction) throws -> T) throws -> T {
        try transaction("BEGIN ISOLATION LEVEL \(isolation.rawValue)", body)
    }

    private func transaction<T>(_ begin: String, _ body: (PostgresTransaction) throws -> T) throws -> T {
        var attempt = 1
        while true {
            do {
                return try pool.withConnection { connection in
                    let transaction = PostgresTransaction(connection: connection, connector: pool.connector)
                    do { try transaction.execute(begin) } catch let error where (error as? DatabaseStatementFailed)?.endedTheConnection ?? true {
                        // An idle connection the server dropped (a restart, an idle timeout):
                        // nothing was done yet, so another connection may simply start over.
                        try? connection.close().wait()
                        throw StaleConnection(underlying: error)
                    }
                    do {
                        let value = try body(transaction)
                        try transaction.commit()
                        return value
                    } catch {
                        transaction.rollBack()
                        throw error
                    }
                }
            } catch let error as StaleConnection {
                guard attempt < Self.attempts else { throw error.underlying }
                attempt += 1
            } catch let error as DatabaseStatementFailed where error.isRetriable && attempt < Self.attempts {
                // A random pause, growing: two transactions that collided do not collide again in step.
                usleep(UInt32.random(in: 1_000...20_000) * UInt32(attempt))
                attempt += 1
            }
        }
    }

    /// Closes the connections; later calls fail with `DatabaseConnectionLost`.
    func close() { pool.shutDown() }

    /// A gateway is dropped without `close()` (a command ends, a test finishes): its connections
    /// are closed here, as the driver requires before they go.
    deinit { pool.shutDown() }
}

/// BEGIN failed on a connection from the pool that no longer works.
private struct StaleConnection: Error {
    let underlying: any Error
}

/// How much of the other transactions a writing transaction may see (PostgreSQL's levels).
enum PostgresIsolation: String, Sendable {
    /// For work that locks the rows it takes (`FOR UPDATE SKIP LOCKED` claims), where a retry
    /// would only repeat what the locks already settle.
    case readCommitted = "READ COMMITTED"
    case repeatableRead = "REPEATABLE READ"
    case serializable = "SERIALIZABLE"
}
