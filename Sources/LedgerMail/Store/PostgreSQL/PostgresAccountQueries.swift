import Foundation
import PostgresNIO

extension PostgresTransaction: AccountQueries {
    func account(email: String) throws -> AccountRecord? {
        try fetchOne(AccountRecord.self, #"SELECT * FROM "account" WHERE "email" = $1"#, try .of(email))
    }

    func accounts() throws -> [AccountRecord] { try fetchAll(AccountRecord.self, #"SELECT * FROM "account" ORDER BY "email""#) }
    func insert(_ account: AccountRecord) throws { try insert(account, into: "account") }

    func deleteAccount(email: String) throws -> Bool {
        try execute(#"DELETE FROM "account" WHERE "email" = $1"#, try .of(email)) > 0
    }

    func linkedDossiersByAccount() throws -> [String: [String]] {
        let links = try fetchAll(AccountDossierRecord.self, #"SELECT * FROM "accountDossier" ORDER BY "dossier""#)
        return Dictionary(grouping: links, by: \.account).mapValues { $0.map(\.dossier) }
    }

    func linkedDossiers(account email: String) throws -> [String] {
        try fetchAll(String.self, #"SELECT "dossier" FROM "accountDossier" WHERE "account" = $1 ORDER BY "dossier""#, try .of(email))
    }

    func link(account email: String, dossier: String) throws {
        try insert(AccountDossierRecord(account: email, dossier: dossier), into: "accountDossier", ignoringConflicts: true)
    }

    func unlink(account email: String, dossier: String) throws -> Bool {
        try execute(#"DELETE FROM "accountDossier" WHERE "account" = $1 AND "dossier" = $2"#, try .of(email, dossier)) > 0
    }

    func pruneLoginFailures(before date: Date) throws {
        try execute(#"DELETE FROM "loginFailure" WHERE "failedAt" < $1"#, try .of(date))
    }

    func loginFailures(email: String, since date: Date) throws -> [Date] {
        try fetchAll(Date.self, #"SELECT "failedAt" FROM "loginFailure" WHERE "email" = $1 AND "failedAt" >= $2"#, try .of(email, date))
    }

    func recordLoginFailure(email: String, at date: Date) throws {
        try insert(LoginFailureRecord(email: email, failedAt: date), into: "loginFailure")
    }

    func clearLoginFailures(email: String) throws { try execute(#"DELETE FROM "loginFailure" WHERE "email" = $1"#, try .of(email)) }

    func webSession(keyHash: String) throws -> WebSessionRecord? {
        try fetchOne(WebSessionRecord.self, #"SELECT * FROM "webSession" WHERE "keyHash" = $1"#, try .of(keyHash))
    }

    func webSessionExists(keyHash: String) throws -> Bool {
        try fetchValue(Bool.self, #"SELECT EXISTS (SELECT 1 FROM "webSession" WHERE "keyHash" = $1)"#, try .of(keyHash)) ?? false
    }

    func save(_ session: WebSessionRecord) throws {
        try execute("""
            INSERT INTO "webSession" ("keyHash", "value", "expiresAt") VALUES ($1, $2, $3)
            ON CONFLICT ("keyHash") DO UPDATE SET "value" = EXCLUDED."value", "expiresAt" = EXCLUDED."expiresAt"
            """, try .of(session.keyHash, session.value, session.expiresAt))
    }

    func deleteWebSessions(expiredBefore date: Date) throws {
        try execute(#"DELETE FROM "webSession" WHERE "expiresAt" < $1"#, try .of(date))
    }

    func deleteWebSession(keyHash: String) throws { try execute(#"DELETE FROM "webSession" WHERE "keyHash" = $1"#, try .of(keyHash)) }
}
