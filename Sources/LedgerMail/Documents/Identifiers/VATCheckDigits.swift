/// The check-digit rules member states publish for their VAT numbers (the national part, shape
/// already checked by `EUVATNumber`). Each returns whether the number is consistent.
enum VATCheckDigits {
    static func digits(_ text: some StringProtocol) -> [Int] { text.compactMap(\.wholeNumberValue) }

    /// Weighted sum of the leading digits.
    private static func weighted(_ values: [Int], _ weights: [Int]) -> Int { zip(values, weights).map { $0 * $1 }.reduce(0, +) }

    /// ISO 7064 MOD 11,10 (Germany, Croatia): the last digit closes the chain.
    static func mod11_10(_ text: String) -> Bool {
        let values = digits(text)
        var product = 10
        for digit in values.dropLast() {
            var sum = (digit + product) % 10
            if sum == 0 { sum = 10 }
            product = (2 * sum) % 11
        }
        return (11 - product) % 10 == values.last
    }

    /// Luhn over all digits (Italy; Sweden's first ten).
    static func luhn(_ text: String) -> Bool {
        let sum = digits(text).reversed().enumerated().map { index, digit in
            index % 2 == 0 ? digit : (digit * 2 > 9 ? digit * 2 - 9 : digit * 2)
        }.reduce(0, +)
        return sum % 10 == 0
    }

    /// Austria: U, then 7 digits and a Luhn-like check with an offset of 4.
    static func austria(_ text: String) -> Bool {
        let values = digits(text.dropFirst())
        let sum = values.prefix(7).enumerated().map { index, digit in
            index % 2 == 0 ? digit : digit * 2 / 10 + digit * 2 % 10
        }.reduce(0, +)
        return (10 - (sum + 4) % 10) % 10 == values[7]
    }

    static func denmark(_ text: String) -> Bool { weighted(digits(text), [2, 7, 6, 5, 4, 3, 2, 1]) % 11 == 0 }

    static func finland(_ text: String) -> Bool {
        let values = digits(text), remainder = weighted(values, [7, 9, 10, 5, 8, 4, 2]) % 11
        return remainder != 1 && (remainder == 0 ? 0 : 11 - remainder) == values[7]
    }

    /// France: the SIREN has a Luhn check digit; the key is (12 + 3 × (SIREN mod 97)) mod 97 when
    /// numeric, while letter keys (newer numbers) follow an unpublished rule.
    static func france(_ text: String) -> Bool {
        let sirenText = String(text.dropFirst(2))
        guard let siren = Int(sirenText), luhn(sirenText) else { return false }
        guard let key = Int(text.prefix(2)) else { return true }
        return key == (12 + 3 * (siren % 97)) % 97
    }

    static func luxembourg(_ text: String) -> Bool {
        guard let body = Int(text.prefix(6)), let check = Int(text.suffix(2)) else { return false }
        return body % 89 == check
    }

    /// The Netherlands: the old "elfproef" on the 9 digits, or (sole proprietors since 2020)
    /// ISO 7064 mod 97 over the whole number with its NL prefix.
    static func netherlands(_ text: String) -> Bool {
        let values = digits(text.prefix(9))
        let elevens = weighted(values, [9, 8, 7, 6, 5, 4, 3, 2]) % 11
        if elevens == values[8], elevens != 10 { return true }
        let numeric = ("NL" + text).map { $0.isLetter ? String(Int($0.asciiValue!) - 55) : String($0) }.joined()
        return numeric.reduce(0) { ($0 * 10 + ($1.wholeNumberValue ?? 0)) % 97 } == 1
    }

    static func poland(_ text: String) -> Bool {
        let values = digits(text), check = weighted(values, [6, 5, 7, 2, 3, 4, 5, 6, 7]) % 11
        return check != 10 && check == values[9]
    }

    static func portugal(_ text: String) -> Bool {
        let values = digits(text), check = 11 - weighted(values, [9, 8, 7, 6, 5, 4, 3, 2]) % 11
        return (check >= 10 ? 0 : check) == values[8]
    }

    /// Spain: a NIF/NIE (digits, or X/Y/Z first) ends in the letter of its number mod 23; a
    /// company's CIF ends in a Luhn-like digit or the letter standing for it.
    static func spain(_ text: String) -> Bool {
        let characters = Array(text), letters = Array("TRWAGMYFPDXBNJZSQVHLCKE")
        let lead = characters[0]
        if lead.isASCIIDigit || "XYZ".contains(lead) {
            let prefix = lead.isASCIIDigit ? String(lead) : String(Array("XYZ").firstIndex(of: lead) ?? 0)
            guard let number = Int(prefix + String(characters[1...7])) else { return false }
            return characters[8] == letters[number % 23]
        }
        let values = digits(String(characters[1...7]))
        guard values.count == 7 else { return false }
        let sum = values.enumerated().map { index, digit in
            index % 2 == 0 ? digit * 2 / 10 + digit * 2 % 10 : digit
        }.reduce(0, +)
        let check = (10 - sum % 10) % 10
        return characters[8] == Character(String(check)) || characters[8] == Array("JABCDEFGHI")[check]
    }
}
