import Foundation

/// A mailbox address (`local@domain`), checked before it is stored or put in an envelope.
///
/// Deliberately stricter than RFC 5322: no quoted local parts, no comments, no IP literals,
/// no non-ASCII. Import mailboxes never need them, and a strict form keeps CR, LF, `<`, `>`
/// and commas out of SMTP commands and headers.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    public let value: String

    public init(_ text: String) throws(InvalidInput) {
        guard let parsed = EmailAddress.validated(text) else {
            throw InvalidInput("'\(text.singleLine)' is not a valid e-mail address (expected local@domain)")
        }
        value = parsed
    }

    public var localPart: Substring { value[..<value.lastIndex(of: "@")!] }
    public var domain: Substring { value[value.index(after: value.lastIndex(of: "@")!)...] }
    public var description: String { value }

    private static let localCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~.")
    private static let domainCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")

    private static func validated(_ text: String) -> String? {
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

    public init(parsing text: String) throws(InvalidInput) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if let open = trimmed.lastIndex(of: "<"), trimmed.hasSuffix(">") {
            let name = trimmed[..<open].trimmingCharacters(in: .whitespaces)
                .trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            let inner = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            self.init(displayName: name.isEmpty ? nil : name, address: try EmailAddress(String(inner)))
        } else {
            self.init(displayName: nil, address: try EmailAddress(trimmed))
        }
    }
}
