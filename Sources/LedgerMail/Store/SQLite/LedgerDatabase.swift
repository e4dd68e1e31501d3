import Foundation
import GRDB

/// The SQLite database (WAL mode through GRDB's `DatabasePool`): dossiers, routes, documents,
/// deliveries and what came back. Each operation is one transaction.
///
/// A database this process may not write (another user's data directory, a read-only mount) is
/// opened read-only, so `status` and `inbox` still answer; a write then fails with
/// `DatabaseReadOnly`, and a full disk with `DiskFull`, never with SQLite's own words.
final class LedgerDatabase: Sendable {
    let writer: any DatabaseWriter
    let path: String

    public init(path: String) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        // A CLI command and `run` may write at the same moment: wait rather than fail.
        configuration.busyMode = .timeout(15)
        do {
            if Self.mayWrite(path) {
                let pool = try DatabasePool(path: path, configuration: configuration)
                try Migrations.migrator.migrate(pool)
                writer = pool
            } else {
                configuration.readonly = true
                let queue = try DatabaseQueue(path: Self.readOnlyLocation(path), configuration: configuration)
                guard try queue.read({ try Migrations.migrator.hasCompletedMigrations($0) }) else {
                    throw DatabaseReadOnly(path: path, needsUpgrade: true)
                }
                writer = queue
            }
        } catch {
            throw Self.explained(error, path: path)
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.read(body) } catch { throw Self.explained(error, path: path) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        do { return try writer.write(body) } catch { throw Self.explained(error, path: path) }
    }

    /// The database file and its directory (for the WAL and its index) can be written.
    private static func mayWrite(_ path: String) -> Bool {
        let directory = (path as NSString).deletingLastPathComponent
        guard access(directory, W_OK) == 0 else { return false }
        return access(path, F_OK) != 0 || access(path, W_OK) == 0
    }

    /// How to open a database this process cannot write. With a writer at work (its `-wal`
    /// exists) SQLite reads through the WAL as usual; without one it cannot create the WAL index
    /// in a read-only place, so the file is opened as immutable (nobody is changing it).
    private static func readOnlyLocation(_ path: String) -> String {
        if access(path + "-wal", R_OK) == 0 { return path }
        let escaped = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "?#%"))) ?? path
        return "file:\(escaped)?immutable=1"
    }

    /// SQLite's read-only and disk-full errors in words; every other error as it was.
    static func explained(_ error: any Error, path: String) -> any Error {
        guard let error = error as? DatabaseError else { return error }
        switch error.resultCode {
        case .SQLITE_READONLY: return DatabaseReadOnly(path: path, needsUpgrade: false)
        case .SQLITE_FULL: return DiskFull(path: (path as NSString).deletingLastPathComponent)
        default: return error
        }
    }
}

/// The database cannot be written by this process: a read-only file, directory or mount.
public struct DatabaseReadOnly: Error, Sendable, CustomStringConvertible {
    public let path: String
    /// The database is older than this program and must be upgraded (written) before use.
    let needsUpgrade: Bool

    public var description: String {
        let what = needsUpgrade ? "it must be upgraded for this version of LedgerMail first" : "this command changes it"
        return "the database \(path) is read-only for this user (its file, its directory or the disk is not writable), and \(what). Run the command as the user who owns the data directory, or make it writable; read-only commands such as status and inbox work as they are"
    }
}

/// The disk holding the data directory has no room left; nothing was stored.
public struct DiskFull: Error, Sendable, CustomStringConvertible {
    public let path: String
    public var description: String {
        "the disk holding \(path) is full: nothing was stored. Free space there (or move data_dir to a larger disk), then run the command again"
    }
}
