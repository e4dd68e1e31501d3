import Foundation

/// Header values that are safe on the wire: one logical line, folded under 78 columns,
/// non-ASCII as RFC 2047 encoded-words. Whatever the input (CR, LF, a 300-character name,
/// quotes), the output cannot start a new header.
enum HeaderEncoding {
    /// `Name: value` for unstructured text (Subject and the like), folded, with CRLF.
    static func unstructured(_ name: String, _ value: String) -> String {
        let text = value.singleLine
        if let folded = foldedASCII(name: name, text: text) { return folded }
        return "\(name): " + encodedWords(text, firstLineUsed: name.count + 2).joined(separator: "\r\n ") + "\r\n"
    }

    /// A display name for From / To (RFC 5322 phrase): as is when plain, quoted when it has
    /// specials, encoded-words when it is not ASCII.
    static func phrase(_ value: String, used: Int) -> String {
        let text = value.singleLine
        let atext = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ")
        if text.unicodeScalars.allSatisfy({ atext.contains($0) }), !text.contains("=?"), text.count + used < 70 {
            return text
        }
        if text.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }), !text.contains("=?"), text.count + used < 70 {
            return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }
        return encodedWords(text, firstLineUsed: used).joined(separator: "\r\n ")
    }

    /// `Name: Display <addr>` (or just the address).
    static func mailbox(_ name: String, _ mailbox: Mailbox) -> String {
        guard let display = mailbox.displayName, !display.singleLine.isEmpty else {
            return "\(name): \(mailbox.address.value)\r\n"
        }
        return "\(name): \(phrase(display, used: name.count + 2)) <\(mailbox.address.value)>\r\n"
    }

    /// `Name: a, b, c`, one address per line after the first so no line grows long.
    static func addressList(_ name: String, _ addresses: [EmailAddress]) -> String {
        "\(name): " + addresses.map(\.value).joined(separator: ",\r\n ") + "\r\n"
    }

    /// Plain ASCII text folded at spaces, or nil when it needs encoding (non-ASCII, a word too
    /// long to fold, or something that looks like an encoded-word).
    private static func foldedASCII(name: String, text: String) -> String? {
        guard text.unicodeScalars.allSatisfy({ $0.value >= 32 && $0.value < 127 }), !text.contains("=?") else { return nil }
        var lines: [String] = []
        var current = "\(name):"
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            if current.count + 1 + word.count > 78 {
                if word.count + 1 > 78 { return nil }
                lines.append(current)
                current = ""
            }
            current += " " + word
        }
        lines.append(current)
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 2047 `=?UTF-8?B?…?=` words, split only between characters (never inside a UTF-8
    /// sequence), so that the first fits after `firstLineUsed` columns and each later one after
    /// the folding space: no line over 78.
    static func encodedWords(_ text: String, firstLineUsed: Int) -> [String] {
        let overhead = "=?UTF-8?B??=".count
        var words: [String] = []
        var chunk: [UInt8] = []
        func encodedLength(_ count: Int) -> Int { (count + 2) / 3 * 4 + overhead }
        func flush() {
            if !chunk.isEmpty { words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=") }
            chunk = []
        }
        for character in text {
            let bytes = Array(String(character).utf8)
            let limit = words.isEmpty ? max(30, 78 - firstLineUsed) : 77
            if !chunk.isEmpty && encodedLength(chunk.count + bytes.count) > limit { flush() }
            chunk += bytes
        }
        flush()
        return words.isEmpty ? [""] : words
    }

    /// `filename="…"` (ASCII) or RFC 2231 `filename*=utf-8''…` with an ASCII `filename` fallback.
    static func fileNameParameters(_ name: String, attribute: String = "filename") -> String {
        let safe = FileNaming.withoutPathSeparators(name.singleLine)
        let isPlain = safe.unicodeScalars.allSatisfy { $0.value > 32 && $0.value < 127 && $0 != "\"" && $0 != "\\" }
        if isPlain && safe.count <= 60 { return "\(attribute)=\"\(safe)\"" }
        let fallback = FileNaming.asciiFallback(safe)
        let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")
        var percent = ""
        for byte in safe.utf8 {
            let scalar = Unicode.Scalar(byte)
            percent += (byte < 128 && unreserved.contains(scalar)) ? String(Character(scalar)) : String(format: "%%%02X", byte)
        }
        // RFC 2231 continuations keep each parameter line short.
        var pieces: [String] = []
        var rest = Substring(percent)
        while !rest.isEmpty {
            var take = min(40, rest.count)
            // Never split a %XX escape.
            let candidate = rest.prefix(take)
            if let lastPercent = candidate.lastIndex(of: "%"), candidate.distance(from: lastPercent, to: candidate.endIndex) < 3 {
                take = candidate.distance(from: candidate.startIndex, to: lastPercent)
            }
            pieces.append(String(rest.prefix(take)))
            rest = rest.dropFirst(take)
        }
        var parameters = ["\(attribute)=\"\(fallback)\""]
        if pieces.count == 1 {
            parameters.append("\(attribute)*=utf-8''\(pieces[0])")
        } else {
            for (index, piece) in pieces.enumerated() {
                parameters.append("\(attribute)*\(index)*=" + (index == 0 ? "utf-8''" : "") + piece)
            }
        }
        return parameters.joined(separator: ";\r\n ")
    }
}
