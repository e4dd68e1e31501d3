import Crypto
import Foundation

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
    let services: GatewayServices

    /// Makes a token for an account, narrowed to some of its dossiers or not; returns it once.
    public func add(email: String, dossiers: [String]) throws -> (id: Int64, token: String) {
        let token = "lm_" + (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let id: Int64 = try services.store.write { tx in
            guard let account = try tx.account(email: email.lowercased()) else {
                throw InvalidInput("no account for \(email.singleLine): `ledgermail user add` makes one")
            }
            let linked = Set(try tx.linkedDossiers(account: account.email))
            for dossier in dossiers where !linked.contains(dossier) {
                throw InvalidInput("\(account.email) is not linked to dossier '\(dossier.singleLine)': `ledgermail user link` links it first")
            }
            return try tx.insert(APITokenRecord(id: nil, tokenHash: Self.hash(token), account: account.email,
                                                dossiers: dossiers.sorted().joined(separator: ","), createdAt: services.clock()))
        }
        return (id, token)
    }

    public func all() throws -> [APIToken] {
        try services.store.read { tx in try tx.apiTokens().map(APIToken.init) }
    }

    public func revoke(id: Int64) throws {
        try services.store.write { tx in
            guard var record = try tx.apiToken(id: id) else {
                throw InvalidInput("no token \(id): `ledgermail token list` shows them")
            }
            guard record.revokedAt == nil else { return }
            record.revokedAt = services.clock()
            try tx.update(record)
        }
    }

    /// The caller a token stands for; nil for an unknown or revoked token (both are 401).
    public func caller(token: String) throws -> FeedCaller? {
        try services.store.read { tx in try tx.feedCaller(tokenHash: Self.hash(token)) }
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
