import Crypto
import Foundation
import GRDB

/// A feed token as `token list` shows it (never the token itself: only its hash is kept).
public struct APIToken: Sendable, Equatable {
    public var id: Int64
    public var account: String
    /// The dossiers it is narrowed to; empty for all those linked to the account.
    public var dossiers: [String]
    public var createdAt: Date
    public var revokedAt: Date?
}

/// Who calls the feed: the token's owner and the dossiers this token may see.
public struct FeedCaller: Sendable, Equatable {
    public var account: String
    public var dossiers: [String]

    public func sees(_ dossier: String) -> Bool { dossiers.contains(dossier) }
}

/// The feed's bearer tokens: one job, over the store.
public struct APITokenBook: Sendable {
    let database: LedgerDatabase
    let clock: @Sendable () -> Date

    /// Makes a token for an account, narrowed to some of its dossiers or not; returns it once.
    public func add(email: String, dossiers: [String]) throws -> (id: Int64, token: String) {
        let token = "lm_" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let id: Int64 = try database.write { db in
            guard let account = try AccountRecord.fetchOne(db, key: email.lowercased()) else {
                throw InvalidInput("no account for \(email.singleLine): `ledgermail user add` makes one")
            }
            let linked = Set(try AccountDossierRecord.of(account.email).fetchAll(db).map(\.dossier))
            for dossier in dossiers where !linked.contains(dossier) {
                throw InvalidInput("\(account.email) is not linked to dossier '\(dossier.singleLine)': `ledgermail user link` links it first")
            }
            var record = APITokenRecord(id: nil, tokenHash: Self.hash(token), account: account.email,
                                        dossiers: dossiers.sorted().joined(separator: ","), createdAt: clock())
            try record.insert(db)
            return record.id!
        }
        return (id, token)
    }

    public func all() throws -> [APIToken] {
        try database.read { db in try APITokenRecord.order(Column("id")).fetchAll(db).map(APIToken.init) }
    }

    public func revoke(id: Int64) throws {
        try database.write { db in
            guard var record = try APITokenRecord.fetchOne(db, key: id) else {
                throw InvalidInput("no token \(id): `ledgermail token list` shows them")
            }
            guard record.revokedAt == nil else { return }
            record.revokedAt = clock()
            try record.update(db)
        }
    }

    /// The caller a token stands for; nil for an unknown or revoked token (both are 401).
    public func caller(token: String) throws -> FeedCaller? {
        try database.read { db in try APITokenRecord.caller(hash: Self.hash(token), db) }
    }

    static func hash(_ token: String) -> String {
        Hex.lowercase(SHA256.hash(data: Data(token.utf8)))
    }
}

extension APIToken {
    init(_ record: APITokenRecord) {
        self.init(id: record.id!, account: record.account, dossiers: record.dossiers.split(separator: ",").map(String.init),
                  createdAt: record.createdAt, revokedAt: record.revokedAt)
    }
}

extension Gateway {
    /// The bearer tokens of the documents feed.
    public var apiTokens: APITokenBook { APITokenBook(database: database, clock: clock) }
}
