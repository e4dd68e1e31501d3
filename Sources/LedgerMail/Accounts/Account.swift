import Foundation

/// What a person may do in the browser (and, for an accountant, through the API).
public enum AccountRole: String, Sendable, Codable, CaseIterable {
    /// Sees and changes the dossiers linked to him.
    case owner
    /// Reads the dossiers linked to him; changes no settings.
    case accountant
}

/// A person who logs in: the business owner or the accountant, linked to dossiers.
public struct Account: Sendable, Equatable {
    public var email: String
    public var role: AccountRole
    public var language: Language
    /// The dossiers this account may see, by name, sorted.
    public var dossiers: [String]
    /// When the account was made: a session of an earlier account under the same address (removed,
    /// then added again, as a password reset is done) is not its session.
    public var since: Date

    /// Whether the account may see `dossier` at all (else it is 404: its existence is not told).
    public func sees(_ dossier: String) -> Bool { dossiers.contains(dossier) }

    /// Whether the account may change `dossier`'s settings and send its documents.
    public func manages(_ dossier: String) -> Bool { role == .owner && sees(dossier) }
}
