/// Finds mail addresses in free text (bounce notices, header values). Works on the UTF-8 bytes in
/// one pass with bounded look-back, so junk such as `a@a@a@…` stays linear.
enum AddressScanner {
    private static let maxLocalLength = 128
    private static let maxDomainLength = 255

    /// The addresses in `text`, in order of appearance, lowercased only when asked.
    static func addresses(in text: some StringProtocol) -> [String] {
        // Most lines name no address: skip the copy for them.
        guard text.utf8.contains(UInt8(ascii: "@")) else { return [] }
        return addresses(in: Array(text.utf8)[...])
    }

    static func addresses(in bytes: ArraySlice<UInt8>) -> [String] {
        guard bytes.contains(UInt8(ascii: "@")) else { return [] }
        return bytes.withUnsafeBufferPointer(addresses)
    }

    private static func addresses(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var found: [String] = []
        var index = 0
        var consumedUpTo = 0
        while index < bytes.count {
            guard bytes[index] == UInt8(ascii: "@") else { index += 1; continue }
            var localStart = index
            while localStart > consumedUpTo, index - localStart < maxLocalLength, isLocalByte(bytes[localStart - 1]) {
                localStart -= 1
            }
            // Quotes, dots and `=` before an address are prose or encoding around it, not its local part.
            while localStart < index, "'`.=?{|".utf8.contains(bytes[localStart]) { localStart += 1 }
            var domainEnd = index + 1
            while domainEnd < bytes.count, domainEnd - index < maxDomainLength, isDomainByte(bytes[domainEnd]) {
                // "user@example.net...User unknown": two dots end the domain (Sendmail's "... reason").
                if bytes[domainEnd] == UInt8(ascii: "."), domainEnd + 1 < bytes.count,
                   bytes[domainEnd + 1] == UInt8(ascii: ".") { break }
                domainEnd += 1
            }
            while domainEnd > index + 1, bytes[domainEnd - 1] == UInt8(ascii: ".") || bytes[domainEnd - 1] == UInt8(ascii: "-") {
                domainEnd -= 1
            }
            let local = bytes[localStart..<index]
            let domain = bytes[(index + 1)..<domainEnd]
            if !local.isEmpty, local.last != UInt8(ascii: "."), domain.contains(UInt8(ascii: ".")),
               domain.first != UInt8(ascii: "."), domain.contains(where: isLetter) {
                found.append(String(decoding: bytes[localStart..<domainEnd], as: UTF8.self))
                consumedUpTo = domainEnd
            }
            index = max(index + 1, domainEnd)
        }
        return found
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }

    private static func isDomainByte(_ byte: UInt8) -> Bool {
        isLetter(byte) || (byte >= 48 && byte <= 57) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")
            || byte == UInt8(ascii: "_")
    }

    /// RFC 5322 atext and the dot; `/` is left out so x400 paths and file names are not read as addresses.
    private static func isLocalByte(_ byte: UInt8) -> Bool {
        if isLetter(byte) || (byte >= 48 && byte <= 57) { return true }
        return "!#$%&'*+-=?^_`{|}~.".utf8.contains(byte)
    }
}
