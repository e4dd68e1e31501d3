import Crypto
import Foundation

/// Browser sessions in the store, so they outlive a restart and every `serve` shares them.
/// Only the SHA-256 of a session key is kept: a copy of the database opens no session.
public struct WebSessionStore: Sendable {
    let services: GatewayServices

    public func value(for key: String) throws -> Data? {
        let now = services.clock()
        return try services.store.read { tx in
            guard let record = try tx.webSession(keyHash: Self.hash(key)) else { return nil }
            if let expiry = record.expiresAt, expiry <= now { return nil }
            return record.value
        }
    }

    /// Stores `value` under `key`; `create` refuses a key already in use.
    public func store(_ value: Data, for key: String, expiresIn: Duration?, create: Bool) throws {
        let now = services.clock()
        let expiry = expiresIn.map { now.addingTimeInterval(TimeInterval($0.components.seconds)) }
        let record = WebSessionRecord(keyHash: Self.hash(key), value: value, expiresAt: expiry)
        try services.store.write { tx in
            if create, try tx.webSessionExists(keyHash: record.keyHash) { throw WebSessionKeyTaken() }
            try tx.deleteWebSessions(expiredBefore: now)
            try tx.save(record)
        }
    }

    public func remove(_ key: String) throws {
        try services.store.write { tx in try tx.deleteWebSession(keyHash: Self.hash(key)) }
    }

    static func hash(_ key: String) -> String {
        SHA256.hash(data: Data(key.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}

/// A new session's key collided with a stored one (never in practice: keys are random).
struct WebSessionKeyTaken: Error, Sendable {}
