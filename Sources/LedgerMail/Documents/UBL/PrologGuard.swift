import Foundation

/// Refuses DTDs before libxml2 ever sees the bytes.
///
/// A DOCTYPE (and the ENTITY declarations that can only live inside one) is
/// the door for XXE and entity-expansion ("billion laughs") attacks, and UBL
/// never uses one. A DOCTYPE may only appear in the prolog, so walking the
/// prolog up to the root element is enough; libxml2 rejects one anywhere else.
/// The walk understands BOMs and UTF-16, and refuses encodings it cannot see
/// through rather than letting a DOCTYPE slip past in disguise.
enum PrologGuard {
    static func check(_ data: Data) throws(UBLReadError) {
        let units = try CodeUnits(data)
        var index = units.start
        var sawMarkup = false
        while true {
            while let unit = units[index], isXMLWhitespace(unit) { index += units.width }
            guard units[index] == ascii("<") else {
                // End of input after only whitespace/BOM means an empty file;
                // anything else is for the parser to report.
                if units[index] == nil && !sawMarkup { throw .empty }
                return
            }
            sawMarkup = true
            let next = index + units.width
            switch units[next] {
            case ascii("?"):
                let end = units.find("?>", from: next)
                // An XML declaration is short; never copy more than 1 KB of it.
                let declarationEnd = min(end ?? units.end, index + 1024 * units.width)
                try checkDeclaredEncoding(units.ascii(from: index, to: declarationEnd), units: units)
                guard let end else { return }
                index = end
            case ascii("!"):
                // Only comments may follow "<!" in a prolog; everything else
                // is a declaration. "<![" is malformed and left to the parser.
                if units.hasPrefix("<!--", at: index) {
                    guard let end = units.find("-->", from: next) else { return }
                    index = end
                } else if units[next + units.width] == ascii("[") {
                    return
                } else {
                    throw .forbiddenDTD
                }
            default:
                return  // the root element: the prolog is clean
            }
        }
    }

    /// Encodings libxml2 may decode into something the walk above never saw.
    private static func checkDeclaredEncoding(_ piText: String, units: CodeUnits) throws(UBLReadError) {
        guard piText.hasPrefix("<?xml"),
              let range = piText.range(of: #"encoding\s*=\s*["']([^"']*)["']"#, options: .regularExpression)
        else { return }
        let declaration = piText[range]
        let name = declaration.split(whereSeparator: { $0 == "\"" || $0 == "'" }).dropFirst().first
            .map { String($0).lowercased() } ?? ""
        let asciiCompatible = ["utf-8", "utf8", "us-ascii", "ascii"].contains(name)
            || ["iso-8859-", "iso8859", "windows-125", "cp125", "latin"].contains { name.hasPrefix($0) }
        let utf16 = name.hasPrefix("utf-16") || name.hasPrefix("utf16")
        if asciiCompatible || (utf16 && units.width == 2) { return }
        throw .unsupportedEncoding(name)
    }

    private static func isXMLWhitespace(_ unit: UInt8) -> Bool {
        unit == 0x20 || unit == 0x09 || unit == 0x0A || unit == 0x0D
    }

    fileprivate static func ascii(_ character: Character) -> UInt8 {
        character.asciiValue ?? 0
    }
}

/// The input seen as a sequence of ASCII code units, whatever its width.
/// Non-ASCII units read as 0x80 so they never match markup.
private struct CodeUnits {
    /// Data is copy-on-write: indexing it does not copy a 50 MB document.
    let bytes: Data
    let start: Int
    let width: Int
    let bigEndian: Bool
    var end: Int { bytes.count }

    init(_ data: Data) throws(UBLReadError) {
        bytes = data
        let head = Array(bytes.prefix(4)) + [0xAA, 0xAA, 0xAA, 0xAA]
        // UTF-32 (with or without BOM, either byte order): two zero bytes
        // where UTF-8/UTF-16 markup never has them.
        let utf32 = (head[0] == 0 && head[1] == 0)
            || (head[2] == 0 && head[3] == 0 && (head[1] == 0 || (head[0] == 0xFF && head[1] == 0xFE)))
        if utf32 { throw .unsupportedEncoding("UTF-32") }
        switch (head[0], head[1], head[2], head[3]) {
        case (0xEF, 0xBB, 0xBF, _): (start, width, bigEndian) = (3, 1, false)
        case (0xFE, 0xFF, _, _): (start, width, bigEndian) = (2, 2, true)
        case (0xFF, 0xFE, _, _): (start, width, bigEndian) = (2, 2, false)
        case (0x00, _, _, _): (start, width, bigEndian) = (0, 2, true)
        case (_, 0x00, _, _): (start, width, bigEndian) = (0, 2, false)
        case (0x4C, 0x6F, 0xA7, 0x94): throw .unsupportedEncoding("EBCDIC")
        default: (start, width, bigEndian) = (0, 1, false)
        }
    }

    subscript(index: Int) -> UInt8? {
        guard index >= 0, index + width <= bytes.count else { return nil }
        let base = bytes.startIndex + index
        if width == 1 { return bytes[base] < 0x80 ? bytes[base] : 0x80 }
        let high = bigEndian ? bytes[base] : bytes[base + 1]
        let low = bigEndian ? bytes[base + 1] : bytes[base]
        return high == 0 && low < 0x80 ? low : 0x80
    }

    func hasPrefix(_ literal: String, at index: Int) -> Bool {
        var position = index
        for byte in literal.utf8 {
            guard self[position] == byte else { return false }
            position += width
        }
        return true
    }

    /// The index just past the first occurrence of `literal` at or after `from`.
    func find(_ literal: String, from: Int) -> Int? {
        var index = from
        while self[index] != nil {
            if hasPrefix(literal, at: index) { return index + literal.utf8.count * width }
            index += width
        }
        return nil
    }

    func ascii(from: Int, to: Int) -> String {
        var scalars = String.UnicodeScalarView()
        var index = from
        while index < to, let unit = self[index] {
            scalars.append(Unicode.Scalar(unit))
            index += width
        }
        return String(scalars)
    }
}
