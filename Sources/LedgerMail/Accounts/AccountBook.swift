import Foundation
import HummingbirdBcrypt

/// Why a login was refused. The same answer for an unknown address and a wrong password, so
/// a login form never tells which addresses have an account.
public enum LoginRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    case wrongCredentials
    /// Too many failures for this address lately: wait, whatever the password.
    case throttled(retryAfter: Duration)

    public var description: String {
        switch self {
        case .wrongCredentials: "wrong e-mail address or password"
        case .throttled(let wait): "too many failed logins for this address: try again in \(wait.components.seconds / 60 + 1) minute(s)"
        }
    }
}

/// The people who log in and the dossiers each may see: one job, over the store.
public struct AccountBook: Sendable {
    let services: GatewayServices
    /// Failures within `window` that close the door for the rest of it.
    static let failuresAllowed = 5
    static let window: TimeInterval = 15 * 60

    /// Adds an account linked to existing dossiers. The password is hashed (bcrypt) off the
    /// cooperative pool: it is slow on purpose.
    public func add(email: String, role: AccountRole, language: Language, dossiers: [String], password: String) async throws {
        let address = try EmailAddress(email).value
        try Self.checkPassword(password)
        let hash = try await runBlocking { Bcrypt.hash(password, cost: 12) }
        try services.store.write { tx in
            if try tx.account(email: address) != nil {
                throw InvalidInput("an account for \(address) already exists: `ledgermail user link` gives it more dossiers")
            }
            try tx.insert(AccountRecord(email: address, role: role, language: language, passwordHash: hash, createdAt: services.clock()))
            try link(address, to: dossiers, tx)
        }
    }

    public func all() throws -> [Account] {
        try services.store.read { tx in
            let links = try tx.linkedDossiersByAccount()
            return try tx.accounts().map { Account($0, dossiers: links[$0.email, default: []]) }
        }
    }

    public func account(_ email: String) throws -> Account? {
        try services.store.read { tx in
            guard let record = try tx.account(email: email.lowercased()) else { return nil }
            return Account(record, dossiers: try tx.linkedDossiers(account: record.email))
        }
    }

    public func remove(_ email: String) throws {
        try services.store.write { tx in
            guard try tx.deleteAccount(email: email.lowercased()) else { throw InvalidInput("no account for \(email.singleLine)") }
        }
    }

    public func link(_ email: String, to dossiers: [String]) throws {
        try services.store.write { tx in
            guard try tx.account(email: email.lowercased()) != nil else { throw InvalidInput("no account for \(email.singleLine)") }
            try link(email.lowercased(), to: dossiers, tx)
        }
    }

    public func unlink(_ email: String, from dossiers: [String]) throws {
        try services.store.write { tx in
            for dossier in dossiers {
                guard try tx.unlink(account: email.lowercased(), dossier: dossier) else {
                    throw InvalidInput("\(email.singleLine) is not linked to dossier '\(dossier.singleLine)'")
                }
            }
        }
    }

    /// The account when the password is right and the address is not throttled. The attempt
    /// is counted as a failure before the password is checked, in the same transaction as the
    /// count, so attempts sent at once cannot all pass the limit; a success takes it back.
    public func authenticate(email: String, password: String) async throws -> Account {
        let address = email.trimmingCharacters(in: .whitespaces).lowercased()
        let now = services.clock()
        let since = now.addingTimeInterval(-Self.window)
        let record: AccountRecord? = try services.store.write { tx in
            try tx.pruneLoginFailures(before: since)
            let failures = try tx.loginFailures(email: address, since: since)
            if failures.count >= Self.failuresAllowed, let first = failures.min() {
                throw LoginRefusal.throttled(retryAfter: .seconds(max(1, Int(first.addingTimeInterval(Self.window).timeIntervalSince(now)))))
            }
            try tx.recordLoginFailure(email: address, at: now)
            return try tx.account(email: address)
        }
        // A hash is checked even for an unknown address, so the answer takes as long either way.
        let hash = record?.passwordHash ?? Self.decoyHash
        let valid = try await Self.verify(password, hash: hash)
        guard let record, valid else { throw LoginRefusal.wrongCredentials }
        try services.store.write { tx in try tx.clearLoginFailures(email: address) }
        return try account(record.email) ?? Account(record, dossiers: [])
    }

    /// bcrypt is slow on purpose: one check at a time on a queue of its own, so a flood of
    /// logins neither takes every core nor starts a thread each.
    private static let bcryptQueue = DispatchQueue(label: "ledgermail.bcrypt")

    private static func verify(_ password: String, hash: String) async throws -> Bool {
        await withCheckedContinuation { continuation in
            bcryptQueue.async { continuation.resume(returning: Bcrypt.verify(password, hash: hash)) }
        }
    }

    private func link(_ email: String, to dossiers: [String], _ tx: any StoreTransaction) throws {
        for dossier in dossiers {
            guard try tx.dossierExists(dossier) else {
                throw InvalidInput("no dossier named '\(dossier.singleLine)': `ledgermail dossier list` shows them")
            }
            try tx.link(account: email, dossier: dossier)
        }
    }

    static func checkPassword(_ password: String) throws(InvalidInput) {
        guard password.count >= 10 else { throw InvalidInput("the password must have at least 10 characters") }
        // bcrypt reads 72 bytes at most: a longer one would be cut without a word.
        guard password.utf8.count <= 72 else { throw InvalidInput("the password may have at most 72 bytes") }
    }

    /// A hash of nothing anyone can type, checked for unknown addresses.
    static let decoyHash = Bcrypt.hash(UUID().uuidString + UUID().uuidString, cost: 12)
}

extension Account {
    init(_ record: AccountRecord, dossiers: [String]) {
        self.init(email: record.email, role: record.role, language: record.language, dossiers: dossiers,
                  since: record.createdAt)
    }
}
