import Foundation

/// A person answering: threading headers, a reply prefix on the subject, or a quoted original.
enum ReplySignals {
    /// Reply prefixes in English, German, Dutch, Nordic, French, Italian and Spanish clients.
    private static let prefixes = ["re:", "re :", "aw:", "antw:", "sv:", "vs:", "réf:", "ref:", "r:", "rif:", "res:", "odp:"]

    static func hasReplyPrefix(_ subject: String) -> Bool {
        let lower = subject.lowercased().trimmingCharacters(in: .whitespaces)
        return prefixes.contains { lower.hasPrefix($0) }
    }

    /// Lines mail clients put above a quoted original.
    private static let quoteMarkers = ["-----original message-----", "wrote:", "schreef:", "a écrit", "schrieb:",
                                       "-------- original message", "from: ", "sent from my", "begin forwarded message"]

    static func quotesOriginal(_ text: String) -> Bool {
        let lower = text.lowercased()
        return quoteMarkers.contains { lower.contains($0) } || lower.contains("\n>")
    }
}
