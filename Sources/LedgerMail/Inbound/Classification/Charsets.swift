import Foundation

/// Turns the bytes of a body or an encoded word into text. Bounce and reply parsing only needs
/// the ASCII parts (addresses, codes, English phrases) to survive, so an unknown charset falls
/// back to UTF-8 and then Latin-1 rather than failing.
enum Charsets {
    static func decode(_ bytes: ArraySlice<UInt8>, charset: String?) -> String {
        let encoding = encoding(named: normalized(charset))
        // Plain ASCII reads the same in every charset below that extends it: no Foundation decoding.
        if encoding.map(asciiCompatible.contains) ?? true, ASCIIBytes.isASCII(bytes) {
            return String(decoding: bytes, as: UTF8.self)
        }
        let data = Data(bytes)
        if let encoding, encoding != .utf8, let text = String(data: data, encoding: encoding) {
            return text
        }
        if let text = utf8(bytes) { return text }
        return String(data: data, encoding: .isoLatin1) ?? String(decoding: data, as: UTF8.self)
    }

    /// Whether text in `charset` holds each ASCII character as that byte: all that `decode` reads
    /// (with its UTF-8 and Latin-1 fallbacks) but UTF-16.
    static func keepsASCIIBytes(_ charset: String?) -> Bool {
        encoding(named: normalized(charset)) != .utf16
    }

    private static func normalized(_ charset: String?) -> String {
        guard let charset else { return "" }
        // Quotes and spaces around the name, trimmed by scalars (both are ASCII).
        let scalars = charset.unicodeScalars
        guard let first = scalars.firstIndex(where: { $0 != "\"" && $0 != " " }) else { return "" }
        let last = scalars.lastIndex(where: { $0 != "\"" && $0 != " " })!
        return String(charset[first..<scalars.index(after: last)]).lowercased()
    }

    /// `String(data:encoding: .utf8)` without Foundation: valid UTF-8, one leading byte order mark dropped.
    private static func utf8(_ bytes: ArraySlice<UInt8>) -> String? {
        String(validating: bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes, as: UTF8.self)
    }

    /// Charsets in which every ASCII byte is that character (not ISO-2022-JP's escapes, nor Shift_JIS's yen sign).
    private static let asciiCompatible: Set<String.Encoding> = [
        .utf8, .isoLatin1, .isoLatin2, .windowsCP1252, .windowsCP1250, .windowsCP1251,
    ]

    private static func encoding(named name: String) -> String.Encoding? {
        switch name {
        case "utf-8", "utf8", "us-ascii", "ascii", "": return .utf8
        case "iso-8859-1", "latin1", "iso8859-1", "iso_8859-1": return .isoLatin1
        case "iso-8859-2", "latin2": return .isoLatin2
        case "windows-1252", "cp1252": return .windowsCP1252
        case "windows-1250", "cp1250": return .windowsCP1250
        case "windows-1251", "cp1251": return .windowsCP1251
        case "iso-2022-jp": return .iso2022JP
        case "shift_jis", "shift-jis", "sjis", "cp932": return .shiftJIS
        case "euc-jp": return .japaneseEUC
        case "utf-16": return .utf16
        default: return nil
        }
    }
}
