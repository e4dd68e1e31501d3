import Foundation
import GRDB

extension SQLiteTransaction: AccountQueries {
    func account(email: String) throws -> AccountRecord? { try AccountRecord.fetchOne(db, key: email) }
    func accounts() throws -> [AccountRecord] { try AccountRecord.order(AccountRecord.Columns.email).fetchAll(db) }
    func insert(_ account: AccountRecord) throws { try account.insert(db) }
    func deleteAccount(email: String) throws -> Bool { try AccountRecord.deleteOne(db, key: email) }

    func linkedDossiersByAccount() throws -> [String: [String]] {
        let links = try AccountDossierRecord.order(AccountDossierRecord.Columns.dossier).fetchAll(db)
        return Dictionary(grouping: links, by: \.account).mapValues { $0.map(\.dossier) }
    }

    func linkedDossiers(account email: String) throws -> [String] {
        try AccountDossierRecord.of(email).fetchAll(db).map(\.dossier)
    }

    func link(account email: String, dossier: String) throws {
        try AccountDossierRecord(account: email, dossier: dossier).insert(db, onConflict: .ignore)
    }

    func unlink(account email: String, dossier: String) throws -> Bool {
        try AccountDossierRecord.deleteOne(db, key: [AccountDossierRecord.Columns.account.name: email,
                                                     AccountDossierRecord.Columns.dossier.name: dossier])
    }

    func pruneLoginFailures(before date: Date) throws {
        try LoginFailureRecord.filter(LoginFailureRecord.Columns.failedAt < date).deleteAll(db)
    }

    func loginFailures(email: String, since date: Date) throws -> [Date] {
        try LoginFailureRecord.recent(email, since: date).fetchAll(db).map(\.failedAt)
    }

    func recordLoginFailure(email: String, at date: Date) throws { try LoginFailureRecord(email: email, failedAt: date).insert(db) }

    func clearLoginFailures(email: String) throws {
        try LoginFailureRecord.filter(LoginFailureRecord.Columns.email == email).deleteAll(db)
    }

    func webSession(keyHash: String) throws -> WebSessionRecord? { try WebSessionRecord.fetchOne(db, key: keyHash) }
    func webSessionExists(keyHash: String) throws -> Bool { try WebSessionRecord.exists(db, key: keyHash) }
    func save(_ session: WebSessionRecord) throws { try session.save(db) }

    func deleteWebSessions(expiredBefore date: Date) throws {
        try WebSessionRecord.filter(WebSessionRecord.Columns.expiresAt < date).deleteAll(db)
    }

    func deleteWebSession(keyHash: String) throws { _ = try WebSessionRecord.deleteOne(db, key: keyHash) }
}
