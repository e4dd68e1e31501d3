/// RFC 3463 enhanced status codes (`5.1.1`): the first one in a Status field or a server's answer.
enum EnhancedStatusCode {
    /// The first `c.s.d` in `text` with c ∈ {2, 4, 5}, subject up to 3 digits and detail up to 3 digits,
    /// not glued to other digits or dots (so IP addresses and versions are not read as codes).
    static func first(in text: some StringProtocol) -> String? {
        let bytes = Array(text.utf8)
        var index = 0
        while index + 4 < bytes.count {
            let byte = bytes[index]
            let boundary = index == 0 || !(isDigit(bytes[index - 1]) || bytes[index - 1] == UInt8(ascii: "."))
            if boundary, byte == UInt8(ascii: "2") || byte == UInt8(ascii: "4") || byte == UInt8(ascii: "5"),
               bytes[index + 1] == UInt8(ascii: "."), let end = code(bytes, from: index + 2) {
                return String(decoding: bytes[index..<end], as: UTF8.self)
            }
            index += 1
        }
        return nil
    }

    /// After "c.", reads "s.d" and returns the end index, when the code ends on a boundary.
    private static func code(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        var subjectDigits = 0
        while index < bytes.count, isDigit(bytes[index]), subjectDigits < 4 { index += 1; subjectDigits += 1 }
        guard (1...3).contains(subjectDigits), index < bytes.count, bytes[index] == UInt8(ascii: ".") else { return nil }
        index += 1
        var detailDigits = 0
        while index < bytes.count, isDigit(bytes[index]), detailDigits < 4 { index += 1; detailDigits += 1 }
        guard (1...3).contains(detailDigits) else { return nil }
        if index < bytes.count, isDigit(bytes[index]) || (bytes[index] == UInt8(ascii: ".")
            && index + 1 < bytes.count && isDigit(bytes[index + 1])) { return nil }
        return index
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    static func isTemporary(_ status: String?) -> Bool { status?.hasPrefix("4") == true }
    static func isPermanent(_ status: String?) -> Bool { status?.hasPrefix("5") == true }
}
