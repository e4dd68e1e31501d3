import Foundation
import GRDB

/// A person who logs in. The password is kept as a bcrypt hash only.
struct AccountRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "account"
    static let dossierLinks = hasMany(AccountDossierRecord.self, using: AccountDossierRecord.accountForeignKey)

    var email: String
    var role: AccountRole
    var language: Language
    var passwordHash: String
    var createdAt: Date

    enum Columns {
        static let email = Column(CodingKeys.email)
        static let role = Column(CodingKeys.role)
    }
}

/// Which dossiers an account may see.
struct AccountDossierRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "accountDossier"
    static let accountForeignKey = ForeignKey(["account"])

    var account: String
    var dossier: String

    enum Columns {
        static let account = Column(CodingKeys.account)
        static let dossier = Column(CodingKeys.dossier)
    }
}

/// A failed login, for throttling: kept a while, then pruned.
struct LoginFailureRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "loginFailure"
    var email: String
    var failedAt: Date

    enum Columns {
        static let email = Column(CodingKeys.email)
        static let failedAt = Column(CodingKeys.failedAt)
    }
}

/// A browser session: its key (the cookie's value is never stored, only its SHA-256), what it
/// holds (JSON), and when it expires.
struct WebSessionRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "webSession"
    var keyHash: String
    var value: Data
    var expiresAt: Date?

    enum Columns {
        static let keyHash = Column(CodingKeys.keyHash)
        static let expiresAt = Column(CodingKeys.expiresAt)
    }
}

extension AccountRole: DatabaseValueConvertible {}

extension AccountDossierRecord {
    static func of(_ email: String) -> QueryInterfaceRequest<AccountDossierRecord> {
        filter(Columns.account == email).order(Columns.dossier)
    }
}

extension LoginFailureRecord {
    static func recent(_ email: String, since: Date) -> QueryInterfaceRequest<LoginFailureRecord> {
        filter(Columns.email == email && Columns.failedAt >= since)
    }
}

extension Migrations {
    static func registerAccounts(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("accounts: people, their dossiers, failed logins, web sessions") { db in
            try db.create(table: "account") { t in
                t.primaryKey("email", .text)
                t.column("role", .text).notNull()
                t.column("language", .text).notNull()
                t.column("passwordHash", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "accountDossier") { t in
                t.column("account", .text).notNull().references("account", onDelete: .cascade)
                t.column("dossier", .text).notNull().references("dossier", onDelete: .cascade)
                t.primaryKey(["account", "dossier"])
            }
            try db.create(index: "accountDossier_dossier", on: "accountDossier", columns: ["dossier"])
            try db.create(table: "loginFailure") { t in
                t.column("email", .text).notNull()
                t.column("failedAt", .datetime).notNull()
            }
            try db.create(index: "loginFailure_email", on: "loginFailure", columns: ["email", "failedAt"])
            try db.create(table: "webSession") { t in
                t.primaryKey("keyHash", .text)
                t.column("value", .blob).notNull()
                t.column("expiresAt", .datetime)
            }
        }
    }
}
