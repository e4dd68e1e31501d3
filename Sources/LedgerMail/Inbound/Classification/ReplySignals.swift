import Foundation

/// A person answering: threading headers, a reply prefix on the subject, or a quoted original.
enum ReplySignals {
    /// Reply prefixes in English, German, Dutch, Nordic, French, Italian and Spanish clients.
    private static let prefixes = ["re:", "re :", "aw:", "antw:", "sv:", "vs:", "réf:", "ref:", "r:", "rif:", "res:", "odp:"]

    static func hasReplyPrefix(_ subject: String) -> Bool {
        let lower = ASCIIBytes.trimmingWhitespace(ASCIIBytes.lowercasedString(subject))
        return prefixes.contains { lower.hasPrefix($0) }
    }

    /// Lines mail clients put above a quoted original.
    /// And a line starting with ">": a quoted line.
    private static let quoteMarkers = PhraseSet(["-----original message-----", "wrote:", "schreef:", "a écrit", "schrieb:",
                                                 "-------- original message", "from: ", "sent from my", "begin forwarded message",
                                                 "\n>"])

    static func quotesOriginal(_ text: String) -> Bool {
        quoteMarkers.matches(ASCIIBytes.lowercased(text))
    }
}
