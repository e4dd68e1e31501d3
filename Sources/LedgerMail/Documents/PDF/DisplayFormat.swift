/// Amounts, quantities and dates as a Belgian reader expects them on paper:
/// "1.234,50" in Dutch and French, "1,234.50" in English, dates as
/// DD/MM/YYYY. Works on the text as written, never through Double, so no
/// digit is ever rounded away.
struct DisplayFormat {
    let language: Language

    private var decimalMark: String { language == .en ? "." : "," }
    private var groupMark: String { language == .en ? "," : "." }

    /// Money: at least two decimals ("8550" → "8.550,00"); more are kept
    /// when written (unit prices like "0.1234"). Text that is not a plain
    /// number is shown as written.
    func money(_ amount: Amount?) -> String {
        number(amount, minimumFractionDigits: 2)
    }

    /// Quantities and percentages: only the decimals that were written.
    func plain(_ amount: Amount?) -> String {
        number(amount, minimumFractionDigits: 0)
    }

    func percent(_ amount: Amount?) -> String {
        amount.map { "\(plain($0)) %" } ?? ""
    }

    /// "2025-03-31" → "31/03/2025"; anything else as written.
    func date(_ text: String?) -> String {
        guard let text else { return "" }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) })
        else { return text }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    private func number(_ amount: Amount?, minimumFractionDigits: Int) -> String {
        guard let amount else { return "" }
        guard amount.value != nil else { return amount.text }
        var body = Substring(amount.text)
        var sign = ""
        if let first = body.first, first == "-" || first == "+" {
            sign = first == "-" ? "-" : ""
            body = body.dropFirst()
        }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        let whole = parts.first.map(String.init) ?? "0"
        var fraction = parts.count > 1 ? String(parts[1]) : ""
        if fraction.count < minimumFractionDigits {
            fraction += String(repeating: "0", count: minimumFractionDigits - fraction.count)
        }
        let grouped = Self.group(whole, with: groupMark)
        return sign + grouped + (fraction.isEmpty ? "" : decimalMark + fraction)
    }

    /// "1234567" → "1.234.567".
    private static func group(_ digits: String, with mark: String) -> String {
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        return groups.joined(separator: mark)
    }
}
