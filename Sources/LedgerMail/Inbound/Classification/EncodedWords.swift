import Foundation

/// RFC 2047 encoded words in headers (`=?UTF-8?Q?R=C3=A9ponse_automatique?=`): auto-reply and
/// bounce subjects are often encoded, and their words are what tells them apart.
enum EncodedWords {
    static func decode(_ value: String) -> String {
        guard let first = start(in: value[...]) else { return value }
        var out = ""
        var rest = Substring(value)
        var previousWasEncoded = false
        var next: String.Index? = first
        while let start = next {
            let before = rest[..<start]
            guard let word = encodedWord(at: rest[start...]) else {
                out += before + "=?"
                rest = rest[rest.utf8.index(start, offsetBy: 2)...]
                next = self.start(in: rest)
                previousWasEncoded = false
                continue
            }
            // Whitespace between two adjacent encoded words is not part of the text (RFC 2047 §6.2).
            if !(previousWasEncoded && before.allSatisfy(\.isWhitespace)) { out += before }
            out += word.text
            rest = rest[word.end...]
            next = self.start(in: rest)
            previousWasEncoded = true
        }
        return out + rest
    }

    /// Where the next "=?" begins, found on bytes.
    private static func start(in text: Substring) -> String.Index? {
        let utf8 = text.utf8
        var index = utf8.firstIndex(of: UInt8(ascii: "="))
        while let at = index {
            let after = utf8.index(after: at)
            if after < utf8.endIndex, utf8[after] == UInt8(ascii: "?") { return at }
            index = utf8[after...].firstIndex(of: UInt8(ascii: "="))
        }
        return nil
    }

    /// One `=?charset?B|Q?text?=` at the start of `text`, decoded, with the index after it.
    private static func encodedWord(at text: Substring) -> (text: String, end: Substring.Index)? {
        let fields = text.dropFirst(2).split(separator: "?", maxSplits: 3, omittingEmptySubsequences: false)
        guard fields.count == 4, fields[3].hasPrefix("="), fields[0].count < 40 else { return nil }
        let charset = String(fields[0].split(separator: "*").first ?? fields[0])
        let payload = fields[2]
        let bytes: [UInt8]?
        switch fields[1].uppercased() {
        case "B": bytes = Data(base64Encoded: String(payload), options: .ignoreUnknownCharacters).map { [UInt8]($0) }
        case "Q": bytes = TransferDecoding.quotedPrintable(payload.utf8.map { $0 == UInt8(ascii: "_") ? UInt8(ascii: " ") : $0 })
        default: bytes = nil
        }
        guard let bytes else { return nil }
        return (Charsets.decode(bytes[...], charset: charset), fields[3].index(after: fields[3].startIndex))
    }
}
