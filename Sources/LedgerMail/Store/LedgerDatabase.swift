import Foundation
import GRDB

/// The SQLite database (WAL mode through GRDB's `DatabasePool`): dossiers, routes, documents,
/// deliveries and what came back. Each operation is one transaction.
public final class LedgerDatabase: Sendable {
    let pool: DatabasePool

    public init(path: String) throws {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A CLI command and `run` may write at the same moment: wait rather than fail.
        configuration.busyMode = .timeout(15)
        pool = try DatabasePool(path: path, configuration: configuration)
        try Migrations.migrator.migrate(pool)
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T { try pool.read(body) }
    func write<T>(_ body: (Database) throws -> T) throws -> T { try pool.write(body) }
}
