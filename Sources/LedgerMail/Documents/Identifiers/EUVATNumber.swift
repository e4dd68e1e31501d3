/// A VAT number of an EU member state (VIES form: the country prefix, then the national part):
/// `NL123456782B01`, `DE136695976`, `FR40303265045`. Checked for each country's shape and, where
/// the country publishes one, its check digits, so a typo in a dossier's number is caught when
/// the dossier is made rather than by documents that are never recognised.
struct EUVATNumber: Sendable, Hashable, CustomStringConvertible {
    /// The prefix: ISO 3166 except Greece, whose VAT prefix is `EL`.
    public let country: String
    /// The national part, uppercase, without separators.
    public let national: String

    public var description: String { country + national }

    /// Spaces, dots, dashes and a Greek `GR` prefix are accepted; the result is the VIES form.
    public init(parsing text: String) throws(InvalidInput) {
        let compact = String(text.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) })
        guard compact.count > 2 else {
            throw InvalidInput("'\(text.singleLine)' is not a VAT number: expected a country prefix and the number, e.g. NL123456782B01")
        }
        var country = String(compact.prefix(2))
        if country == "GR" { country = "EL" }
        let national = String(compact.dropFirst(2))
        guard let rule = Self.rules[country] else {
            throw InvalidInput("'\(text.singleLine)': \(country) is not an EU member state's VAT prefix (AT, BE, … SK; Greece is EL)")
        }
        guard rule.shapes.contains(where: { Self.matches(national, shape: $0) }) else {
            throw InvalidInput("'\(text.singleLine)': a \(country) VAT number is \(rule.described) after \(country)")
        }
        guard rule.check?(national) ?? true else {
            throw InvalidInput("'\(text.singleLine)': the check digits are wrong for a \(country) VAT number; check the number")
        }
        self.country = country
        self.national = national
    }

    /// One country's shapes (`9`: digits, `A`: letters, `X`: either, any other character itself)
    /// and its check, when it has one.
    struct Rule: Sendable {
        var shapes: [String]
        var described: String
        var check: (@Sendable (String) -> Bool)?
    }

    static let rules: [String: Rule] = [
        "AT": Rule(shapes: ["U99999999"], described: "U and 8 digits", check: VATCheckDigits.austria),
        "BE": Rule(shapes: ["9999999999"], described: "10 digits", check: BelgianNumber.isValid),
        "BG": Rule(shapes: ["999999999", "9999999999"], described: "9 or 10 digits"),
        "CY": Rule(shapes: ["99999999A"], described: "8 digits and a letter"),
        "CZ": Rule(shapes: ["99999999", "999999999", "9999999999"], described: "8 to 10 digits"),
        "DE": Rule(shapes: ["999999999"], described: "9 digits", check: VATCheckDigits.mod11_10),
        "DK": Rule(shapes: ["99999999"], described: "8 digits", check: VATCheckDigits.denmark),
        "EE": Rule(shapes: ["999999999"], described: "9 digits"),
        "EL": Rule(shapes: ["999999999"], described: "9 digits"),
        "ES": Rule(shapes: ["X9999999X"], described: "a letter or digit, 7 digits and a letter or digit", check: VATCheckDigits.spain),
        "FI": Rule(shapes: ["99999999"], described: "8 digits", check: VATCheckDigits.finland),
        "FR": Rule(shapes: ["XX999999999"], described: "a 2-character key and the 9-digit SIREN", check: VATCheckDigits.france),
        "HR": Rule(shapes: ["99999999999"], described: "11 digits", check: VATCheckDigits.mod11_10),
        "HU": Rule(shapes: ["99999999"], described: "8 digits"),
        "IE": Rule(shapes: ["9999999A", "9999999AA", "9X99999A"], described: "7 digits and 1 or 2 letters"),
        "IT": Rule(shapes: ["99999999999"], described: "11 digits", check: VATCheckDigits.luhn),
        "LT": Rule(shapes: ["999999999", "999999999999"], described: "9 or 12 digits"),
        "LU": Rule(shapes: ["99999999"], described: "8 digits", check: VATCheckDigits.luxembourg),
        "LV": Rule(shapes: ["99999999999"], described: "11 digits"),
        "MT": Rule(shapes: ["99999999"], described: "8 digits"),
        "NL": Rule(shapes: ["999999999B99"], described: "9 digits, B and 2 digits", check: VATCheckDigits.netherlands),
        "PL": Rule(shapes: ["9999999999"], described: "10 digits", check: VATCheckDigits.poland),
        "PT": Rule(shapes: ["999999999"], described: "9 digits", check: VATCheckDigits.portugal),
        "RO": Rule(shapes: (2...10).map { String(repeating: "9", count: $0) }, described: "2 to 10 digits"),
        "SE": Rule(shapes: ["999999999901"], described: "10 digits and 01", check: { VATCheckDigits.luhn(String($0.prefix(10))) }),
        "SI": Rule(shapes: ["99999999"], described: "8 digits"),
        "SK": Rule(shapes: ["9999999999"], described: "10 digits"),
    ]

    private static func matches(_ national: String, shape: String) -> Bool {
        national.count == shape.count && zip(national, shape).allSatisfy { character, wanted in
            switch wanted {
            case "9": character.isASCIIDigit
            case "A": character.isLetter
            case "X": character.isASCIIDigit || character.isLetter
            default: character == wanted
            }
        }
    }
}
