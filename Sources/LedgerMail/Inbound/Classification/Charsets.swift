import Foundation

/// Turns the bytes of a body or an encoded word into text. Bounce and reply parsing only needs
/// the ASCII parts (addresses, codes, English phrases) to survive, so an unknown charset falls
/// back to UTF-8 and then Latin-1 rather than failing.
enum Charsets {
    static func decode(_ data: Data, charset: String?) -> String {
        let name = (charset ?? "").trimmingCharacters(in: CharacterSet(charactersIn: "\" ")).lowercased()
        if let encoding = encoding(named: name), encoding != .utf8, let text = String(data: data, encoding: encoding) {
            return text
        }
        if let text = String(data: data, encoding: .utf8) { return text }
        return String(data: data, encoding: .isoLatin1) ?? String(decoding: data, as: UTF8.self)
    }

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
