/// Faster equivalents of the `String` calls the classifier makes on every line and value: the same
/// results, with ASCII handled without Unicode property lookups or Foundation.
extension ASCIIBytes {
    /// The text lowercased, as UTF-8 bytes (see `lowercasedString`).
    static func lowercased(_ text: some StringProtocol) -> [UInt8] {
        let utf8 = text.utf8
        if isASCII(utf8) { return utf8.map(lowercased) }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count)
        for scalar in text.unicodeScalars {
            if scalar.isASCII { out.append(lowercased(UInt8(scalar.value))) } else { out += scalar.properties.lowercaseMapping.utf8 }
        }
        return out
    }

    /// `lowercased()`, which maps scalar by scalar, but with ASCII scalars mapped by table: the
    /// standard library looks every scalar up in Unicode's tables once a string is not all ASCII.
    static func lowercasedString(_ text: some StringProtocol) -> String {
        String(decoding: lowercased(text), as: UTF8.self)
    }

    /// `trimmingCharacters(in: .whitespaces)` (tab and Unicode Zs) without Foundation's bridging.
    static func trimmingWhitespace(_ text: String) -> String { trimmingWhitespace(text[...]) }

    static func trimmingWhitespace(_ text: Substring) -> String {
        // Most values have nothing to trim: ASCII other than a space or tab at both ends.
        if let head = text.utf8.first, let tail = text.utf8.last, isPlainASCII(head), isPlainASCII(tail) { return String(text) }
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !isWhitespace($0) }) else { return "" }
        let last = scalars.lastIndex(where: { !isWhitespace($0) })!
        return String(text[first..<scalars.index(after: last)])
    }

    private static func isPlainASCII(_ byte: UInt8) -> Bool { byte < 0x80 && byte != 32 && byte != 9 }

    /// Foundation's `CharacterSet.whitespaces`: tab and the space separators.
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar == " " || scalar == "\t" || (scalar.value >= 0x80 && scalar.properties.generalCategory == .spaceSeparator)
    }

    /// `String(text.prefix(count))`: no `Character` walk when the text is short or ASCII without "\r\n".
    static func prefix(_ text: String, _ count: Int) -> String {
        let utf8 = text.utf8
        if utf8.count <= count { return text }
        if utf8.allSatisfy({ $0 < 0x80 && $0 != 13 }) { return String(decoding: utf8.prefix(count), as: UTF8.self) }
        return String(text.prefix(count))
    }

    /// What `singleLine` (every run of control characters, U+2028 and U+2029 one space, none at the
    /// ends) returns, with ASCII scalars tested without a Unicode property lookup, and printable
    /// ASCII returned as is.
    static func singleLine(_ text: String) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars {
            let isBreak = scalar.isASCII ? scalar.value < 0x20 || scalar.value == 0x7F
                : scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
            if isBreak { pendingSpace = true; continue }
            if pendingSpace && !out.isEmpty { out.append(" ") }
            pendingSpace = false
            out.append(scalar)
        }
        return String(out)
    }
}
