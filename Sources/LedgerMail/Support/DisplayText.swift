/// The one sanitiser for text shown to a person: what a document, a mail or a server wrote is
/// shown, never obeyed. Control characters (CR, LF, ESC, C1) could rewrite a terminal line;
/// bidi controls (U+202E and kin) reorder what is read (`fdp.exe` shown as `exe.pdf`).
public enum DisplayText {
    /// Characters that reorder text: the embeddings, overrides and isolates, the marks.
    static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// For a terminal: control and bidi characters written as escapes (`\r`, `\n`, `\t`,
    /// `\u{1B}`, `\u{202E}`), everything else as is.
    public static func terminal(_ text: some StringProtocol) -> String {
        escaping(text) { isControl($0) || isBidiControl($0) }
    }

    /// For a mail header or body built from document values: bidi controls escaped (control
    /// characters are the composer's business: it folds and encodes them away).
    public static func withoutBidi(_ text: some StringProtocol) -> String {
        escaping(text, isBidiControl)
    }

    /// For a JSON line: every escaped character as `\uXXXX`, which JSON decodes back to it.
    public static func json(_ text: String) -> String {
        escaping(text, as: { scalar in
            let hex = String(scalar.value, radix: 16)
            return "\\u" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
        }) { ($0.value >= 0x7F && isControl($0)) || isBidiControl($0) }
    }

    private static func escaping(_ text: some StringProtocol, as form: (Unicode.Scalar) -> String = visible,
                                 _ needsEscape: (Unicode.Scalar) -> Bool) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return String(text) }
        var out = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) { out += form(scalar) } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func visible(_ scalar: Unicode.Scalar) -> String {
        switch scalar {
        case "\r": "\\r"
        case "\n": "\\n"
        case "\t": "\\t"
        default: "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
        }
    }
}
