import Crypto
import Foundation
import GRDB

/// Browser sessions in the store, so they outlive a restart and every `serve` shares them.
/// Only the SHA-256 of a session key is kept: a copy of the database opens no session.
public struct WebSessionStore: Sendable {
    let database: LedgerDatabase
    let clock: @Sendable () -> Date

    public func value(for key: String) throws -> Data? {
        let now = clock()
        return try database.read { db in
            guard let record = try WebSessionRecord.fetchOne(db, key: Self.hash(key)) else { return nil }
            if let expiry = record.expiresAt, expiry <= now { return nil }
            return record.value
        }
    }

    /// Stores `value` under `key`; `create` refuses a key already in use.
    public func store(_ value: Data, for key: String, expiresIn: Duration?, create: Bool) throws {
        let expiry = expiresIn.map { clock().addingTimeInterval(TimeInterval($0.components.seconds)) }
        let record = WebSessionRecord(keyHash: Self.hash(key), value: value, expiresAt: expiry)
        try database.write { db in
            if create, try WebSessionRecord.exists(db, key: record.keyHash) { throw WebSessionKeyTaken() }
            try WebSessionRecord.filter(WebSessionRecord.Columns.expiresAt < clock()).deleteAll(db)
            try record.save(db)
        }
    }

    public func remove(_ key: String) throws {
        try database.write { db in _ = try WebSessionRecord.deleteOne(db, key: Self.hash(key)) }
    }

    static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// A new session's key collided with a stored one (never in practice: keys are random).
public struct WebSessionKeyTaken: Error, Sendable {}

extension Gateway {
    public var webSessions: WebSessionStore { WebSessionStore(database: database, clock: clock) }
}
