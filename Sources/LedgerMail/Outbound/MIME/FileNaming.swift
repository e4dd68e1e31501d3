/// How attachments are named: after the document number, reduced to `A–Z a–z 0–9 . _ -`
/// (`V01/15000001` → `V01_15000001`), so no mail client or import mailbox trips on them.
enum FileNaming {
    /// The attachment base name for a document `number`, or the imported file's name (without
    /// its extension) when the number gives nothing usable.
    public static func attachmentBase(number: String, importedFileName: String) -> String {
        let fromNumber = sanitized(number)
        if !fromNumber.isEmpty, fromNumber.contains(where: { $0 != "_" && $0 != "." }) { return fromNumber }
        let stem = importedFileName.split(separator: "/").last.map { String($0) } ?? importedFileName
        let withoutExtension = stem.contains(".") ? String(stem[..<stem.lastIndex(of: ".")!]) : stem
        let fromFile = sanitized(withoutExtension)
        return fromFile.isEmpty ? "document" : fromFile
    }

    /// Every character outside `A–Z a–z 0–9 . _ -` replaced by `_`; at most 100 characters;
    /// never starting with a dot (no hidden files, no `..`).
    public static func sanitized(_ text: String) -> String {
        var out = String(text.singleLine.map { character -> Character in
            guard character.isASCII, let ascii = character.asciiValue else { return "_" }
            let ok = (ascii >= 65 && ascii <= 90) || (ascii >= 97 && ascii <= 122) || (ascii >= 48 && ascii <= 57)
                || ascii == 46 || ascii == 95 || ascii == 45
            return ok ? character : "_"
        }.prefix(100))
        while out.hasPrefix(".") { out = "_" + out.dropFirst() }
        return out
    }

    static func withoutPathSeparators(_ name: String) -> String {
        String(name.map { $0 == "/" || $0 == "\\" ? "_" : $0 })
    }

    static func asciiFallback(_ name: String) -> String {
        let mapped = name.map { character -> Character in
            guard let ascii = character.asciiValue, ascii > 32, ascii < 127, character != "\"", character != "\\" else { return "_" }
            return character
        }
        return String(mapped.suffix(60))
    }
}
