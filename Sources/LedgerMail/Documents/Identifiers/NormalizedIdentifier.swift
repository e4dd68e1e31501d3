/// The form in which party identifiers are compared: uppercase ASCII letters
/// and digits only, so "BE 0123.456.749" equals "be0123456749". A BE prefix
/// followed by exactly 10 digits is dropped, because the Belgian VAT number
/// is the enterprise number with "BE" in front and senders use either.
public func normalizedIdentifier(_ s: String) -> String {
    let compact = String(s.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
    let rest = compact.dropFirst(2)
    if compact.hasPrefix("BE"), rest.count == 10, rest.allSatisfy(\.isASCIIDigit) {
        return String(rest)
    }
    return compact
}

extension Character {
    /// 0-9 only; `isNumber` alone would also accept other scripts' digits.
    var isASCIIDigit: Bool { isASCII && isWholeNumber }
}
