/// Belgian enterprise numbers (KBO/BCE), which are also the digits of a
/// Belgian VAT number: BE0123456749 and 0123456749 name the same company.
public enum BelgianNumber {
    /// "BE 0123.456.749", "BE0123456749", "0123456749" and the pre-2023
    /// 9-digit form "123456749" all become "0123456749". Nil when what is
    /// left after dropping separators and an optional BE prefix is not 9 or
    /// 10 digits. The check digits are not verified here; see `isValid`.
    public static func normalize(_ s: String) -> String? {
        var compact = String(s.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        if compact.hasPrefix("BE") { compact.removeFirst(2) }
        guard compact.allSatisfy(\.isASCIIDigit) else { return nil }
        switch compact.count {
        case 10: return compact
        case 9: return "0" + compact
        default: return nil
        }
    }

    /// Modulo-97 check: 97 − (first 8 digits mod 97) equals the last 2
    /// digits, and the number starts with 0 or 1 (the only ranges issued).
    public static func isValid(_ tenDigits: String) -> Bool {
        let digits = Array(tenDigits)
        guard digits.count == 10, digits.allSatisfy(\.isASCIIDigit),
              digits[0] == "0" || digits[0] == "1",
              let body = Int(String(digits[0..<8])),
              let check = Int(String(digits[8..<10]))
        else { return false }
        return 97 - body % 97 == check
    }
}
