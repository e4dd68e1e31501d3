import Foundation

/// A mailbox address (`local@domain`), checked before it is stored or put in an envelope.
///
/// Deliberately stricter than RFC 5322: no quoted local parts, no comments, no IP literals,
/// no non-ASCII. Import mailboxes never need them, and a strict form keeps CR, LF, `<`, `>`
/// and commas out of SMTP commands and headers.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    /// One bare address (`local@domain`), read by the same parser as a mailbox with a name.
    public init(_ text: String) throws(InvalidInput) {
        let parsed = try MailboxSyntax.parse(text)
        guard parsed.displayName == nil, !parsed.angled else {
            throw InvalidInput("'\(text.singleLine)' is a name with an address: give the address alone (local@domain)")
        }
        self.init(validated: parsed.address)
    }

    /// An addr-spec `MailboxSyntax` has already checked.
    init(validated value: String) { self.value = value }

    public var localPart: Substring { value[..<value.lastIndex(of: "@")!] }
    public var domain: Substring { value[value.index(after: value.lastIndex(of: "@")!)...] }
    public var description: String { value }

    private static let localCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
    private static let domainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")

    static func validated(_ text: String) -> String? {
        guard text.utf8.count <= 254, let at = text.lastIndex(of: "@") else { return nil }
        let local = text[..<at], domain = text[text.index(after: at)...]
        guard !local.isEmpty, local.utf8.count <= 64, local.allSatisfy(localCharacters.contains),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..") else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, domain.allSatisfy(domainCharacters.contains),
              labels.allSatisfy({ !$0.isEmpty && $0.count <= 63 && !$0.hasPrefix("-") && !$0.hasSuffix("-") })
        else { return nil }
        return text
    }
}

/// A sender as written on the command line: `Acme BV <acme@gateway.test>` or a bare address.
public struct Mailbox: Sendable, Hashable {
    public let displayName: String?
    public let address: EmailAddress

    public init(displayName: String?, address: EmailAddress) {
        self.displayName = displayName
        self.address = address
    }

    /// Exactly one RFC 5322 mailbox: `Name <local@domain>`, `"Quoted, Name" <local@domain>` or
    /// a bare address. A second address, a group, a comma or an unquoted special is refused.
    public init(parsing text: String) throws(InvalidInput) {
        let parsed = try MailboxSyntax.parse(text)
        self.init(displayName: parsed.displayName, address: EmailAddress(validated: parsed.address))
    }
}
