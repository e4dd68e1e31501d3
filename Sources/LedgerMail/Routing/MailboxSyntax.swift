import Foundation

/// The one parser for every address LedgerMail is given (`--from`, `--accountant`, routes,
/// `--to`, the configuration): RFC 5322's `mailbox`, nothing more. A display name is words and
/// quoted strings (unescaped here; the composer quotes it again on the way out); the address
/// is between `<` and `>`, or is the whole text.
enum MailboxSyntax {
    struct Parsed {
        var displayName: String?
        var address: String
        /// The address was written between angle brackets.
        var angled: Bool
    }

    /// Characters a display name may hold only between double quotes (`.` is tolerated, as
    /// every mail program does for `Acme B.V.`).
    private static let specials: Set<Unicode.Scalar> = ["(", ")", "<", ">", "[", "]", ":", ";", "@", "\\", ",", "\""]

    static func parse(_ text: String) throws(InvalidInput) -> Parsed {
        let shown = text.singleLine
        func refuse(_ why: String) -> InvalidInput {
            InvalidInput("'\(shown)' is not a valid e-mail address (exactly one mailbox): \(why). Write local@domain or Name <local@domain> (a name with , < > @ \" between double quotes)")
        }
        let scalars = Array(text.unicodeScalars)
        if scalars.contains(where: { $0.properties.generalCategory == .control }) {
            throw refuse("it holds a control character")
        }
        guard scalars.contains("<") || scalars.contains("\"") else {
            let bare = text.trimmingCharacters(in: .whitespaces)
            guard let address = EmailAddress.validated(bare) else { throw refuse("expected local@domain") }
            return Parsed(displayName: nil, address: address, angled: false)
        }
        var words: [String] = []
        var word = ""
        var index = 0
        func endWord() {
            if !word.isEmpty { words.append(word) }
            word = ""
        }
        while index < scalars.count {
            let scalar = scalars[index]
            switch scalar {
            case " ", "\t":
                endWord()
            case "\"":
                index += 1
                var closed = false
                while index < scalars.count {
                    if scalars[index] == "\\", index + 1 < scalars.count {
                        index += 1
                        word.unicodeScalars.append(scalars[index])
                    } else if scalars[index] == "\"" {
                        closed = true
                        break
                    } else {
                        word.unicodeScalars.append(scalars[index])
                    }
                    index += 1
                }
                guard closed else { throw refuse("a double quote is not closed") }
            case "<":
                endWord()
                guard let close = scalars[index...].firstIndex(of: ">") else { throw refuse("a < is not closed") }
                let inner = String(String.UnicodeScalarView(scalars[(index + 1)..<close]))
                guard scalars[(close + 1)...].allSatisfy({ $0 == " " || $0 == "\t" }) else {
                    throw refuse("there is more after the address in <>")
                }
                guard let address = EmailAddress.validated(inner) else { throw refuse("the part in <> is not local@domain") }
                let name = words.joined(separator: " ")
                return Parsed(displayName: name.isEmpty ? nil : name, address: address, angled: true)
            default:
                guard !specials.contains(scalar) else { throw refuse("'\(Character(scalar))' outside double quotes") }
                word.unicodeScalars.append(scalar)
            }
            index += 1
        }
        throw refuse("a name needs its address between < and >")
    }
}
