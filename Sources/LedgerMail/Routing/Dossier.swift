import Foundation

/// One business whose documents LedgerMail delivers to its accountant.
public struct Dossier: Sendable, Equatable {
    /// The short name used on the command line (`acme`).
    public var name: String
    public var company: String
    /// The Belgian VAT / enterprise number as its 10 digits, or another EU member state's VAT
    /// number in VIES form (`NL123456782B01`): see `DossierNumber`.
    public var enterpriseNumber: String
    public var language: Language
    public var dispatch: DispatchPolicy
    public var from: Mailbox
    /// The accountant's own contact address: notifications and test mails, never documents.
    public var accountant: EmailAddress
    public var timeZone: String
    /// The business owner's address: the digest of trouble goes there (none while unset), never
    /// to an import address.
    public var ownerEmail: EmailAddress?

    public init(name: String, company: String, enterpriseNumber: String, language: Language,
                dispatch: DispatchPolicy, from: Mailbox, accountant: EmailAddress, timeZone: String,
                ownerEmail: EmailAddress? = nil) {
        self.name = name
        self.company = company
        self.enterpriseNumber = enterpriseNumber
        self.language = language
        self.dispatch = dispatch
        self.from = from
        self.accountant = accountant
        self.timeZone = timeZone
        self.ownerEmail = ownerEmail
    }

    /// The identifiers a document's parties are matched against.
    public var ownIdentifiers: [String] { DossierNumber.identifiers(enterpriseNumber) }

    public var resolvedTimeZone: TimeZone { Self.resolvedTimeZone(timeZone) }

    /// A dossier's time zone by its name; Brussels for one this system does not know.
    static func resolvedTimeZone(_ identifier: String?) -> TimeZone {
        identifier.flatMap(TimeZone.init(identifier:)) ?? TimeZone(identifier: "Europe/Brussels")!
    }

    /// Checks a dossier name: it appears in paths and commands, so it stays plain.
    public static func checkName(_ name: String) throws(InvalidInput) {
        let allowed = Set("abcdefghijklmnopqrstuvwxyz0123456789-_")
        guard !name.isEmpty, name.count <= 64, name.allSatisfy(allowed.contains) else {
            throw InvalidInput("dossier name '\(name.singleLine)' must be lowercase letters, digits, '-' or '_'")
        }
    }
}

/// The language of the mails a dossier sends.
public enum Language: String, Sendable, Codable, CaseIterable {
    case nl, fr, en
}

/// Where one kind of document goes: the accounting software's import mailbox(es) for it,
/// and how its mails are made.
public struct Route: Sendable, Equatable {
    public var kind: DocumentKind
    public var addresses: [EmailAddress]
    public var attach: AttachPolicy
    /// Overrides the dossier's dispatch setting for this kind.
    public var dispatch: DispatchPolicy?
    /// The largest mail the mailbox takes; a bigger one fails with the reason, never truncated.
    public var maxSize: ByteSize?
    /// Pulled by the accountant's software through the documents feed, never mailed.
    public var pull: Bool

    public init(kind: DocumentKind, addresses: [EmailAddress], attach: AttachPolicy = .both,
                dispatch: DispatchPolicy? = nil, maxSize: ByteSize? = nil, pull: Bool = false) {
        self.pull = pull
        self.kind = kind
        self.addresses = addresses
        self.attach = attach
        self.dispatch = dispatch
        self.maxSize = maxSize
    }
}
