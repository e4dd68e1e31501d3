import Foundation
import Hummingbird
import LedgerMail

/// hummingbird-auth's session storage, kept in LedgerMail's store (not in memory), so a
/// session outlives a restart of `serve` and is shared by every server of one install.
struct StoreSessionDriver: PersistDriver {
    let store: WebSessionStore

    func create<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try store.store(try JSONEncoder().encode(value), for: key, expiresIn: expires, create: true)
    }

    func set<Object: Codable & Sendable>(key: String, value: Object, expires: Duration?) async throws {
        try store.store(try JSONEncoder().encode(value), for: key, expiresIn: expires, create: false)
    }

    func get<Object: Codable & Sendable>(key: String, as: Object.Type) async throws -> Object? {
        guard let data = try store.value(for: key) else { return nil }
        return try? JSONDecoder().decode(Object.self, from: data)
    }

    func remove(key: String) async throws {
        try store.remove(key)
    }
}
