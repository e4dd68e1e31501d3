import Foundation

/// The named queries on web accounts, their dossiers, sessions and login throttling.
protocol AccountQueries {
    func account(email: String) throws -> AccountRecord?
    /// Every account, by address.
    func accounts() throws -> [AccountRecord]
    func insert(_ account: AccountRecord) throws
    /// False when there was no such account. Its links, sessions' owner and tokens go with it.
    func deleteAccount(email: String) throws -> Bool

    /// Every account's dossiers, by account, each list sorted.
    func linkedDossiersByAccount() throws -> [String: [String]]
    /// The dossiers linked to one account, sorted.
    func linkedDossiers(account email: String) throws -> [String]
    /// Links the account to the dossier; linking it again changes nothing.
    func link(account email: String, dossier: String) throws
    /// False when the account was not linked to it.
    func unlink(account email: String, dossier: String) throws -> Bool

    /// Forgets the failures older than `date`.
    func pruneLoginFailures(before date: Date) throws
    /// When the address's failures since `date` happened.
    func loginFailures(email: String, since date: Date) throws -> [Date]
    func recordLoginFailure(email: String, at date: Date) throws
    func clearLoginFailures(email: String) throws

    func webSession(keyHash: String) throws -> WebSessionRecord?
    func webSessionExists(keyHash: String) throws -> Bool
    func save(_ session: WebSessionRecord) throws
    func deleteWebSessions(expiredBefore date: Date) throws
    func deleteWebSession(keyHash: String) throws
}
