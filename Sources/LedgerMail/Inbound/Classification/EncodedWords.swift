import Foundation

/// RFC 2047 encoded words in headers (`=?UTF-8?Q?R=C3=A9ponse_automatique?=`): auto-reply and
/// bounce subjects are often encoded, and their words are what tells them apart.
enum EncodedWords {
    static func decode(_ value: String) -> String {
        guard value.contains("=?") else { return value }
        var out = ""
        var rest = Substring(value)
        var previousWasEncoded = false
        while let start = rest.range(of: "=?") {
            let before = rest[..<start.lowerBound]
            guard let word = encodedWord(at: rest[start.lowerBound...]) else {
                out += before + "=?"
                rest = rest[start.upperBound...]
                previousWasEncoded = false
                continue
            }
            // Whitespace between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
            if !(previousWasEncoded && before.allSatisfy(\.isWhitespace)) { out += before }
            out += word.text
            rest = rest[word.end...]
            previousWasEncoded = true
        }
        return out + rest
    }

    /// One `=?charset?B|Q?text?=` at the start of `text`, decoded, with the index after it.
    private static func encodedWord(at text: Substring) -> (text: String, end: Substring.Index)? {
        let fields = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[3].hasPrefix("="), fields[0].count < 40 else { return nil }
        let charset = String(fields[0].split(separator: "*").first ?? fields[0])
        let payload = fields[2]
        let bytes: Data?
        switch fields[1].uppercased() {
        case "B": bytes = Data(base64Encoded: String(payload), options: .ignoreUnknownCharacters)
        case "Q": bytes = MailMessage.decodeQuotedPrintable(Data(payload.replacingOccurrences(of: "_", with: " ").utf8))
        default: bytes = nil
        }
        guard let bytes else { return nil }
        return (Charsets.decode(bytes, charset: charset), fields[3].index(after: fields[3].startIndex))
    }
}
