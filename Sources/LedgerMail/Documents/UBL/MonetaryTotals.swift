import Foundation

/// An amount as written plus its decimal value. The text is kept because
/// the JSON output must repeat it exactly ("8550", "4.5", "-217.8").
public struct Amount: Sendable, Equatable {
    public var text: String
    /// Nil when the text is not a plain decimal number.
    public var value: Decimal?

    public init(text: String) {
        self.text = text
        self.value = Amount.parse(text)
    }

    /// Decimal(string:) accepts trailing junk ("12abc" → 12), so the shape is
    /// checked first: optional sign, digits, optional fraction.
    static func parse(_ text: String) -> Decimal? {
        var body = Substring(text)
        if body.first == "-" || body.first == "+" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count),
              let whole = parts.first, !whole.isEmpty,
              parts.allSatisfy({ $0.allSatisfy(\.isASCIIDigit) }),
              parts.count == 1 || !parts[1].isEmpty
        else { return nil }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}

/// LegalMonetaryTotal plus the document-currency tax total.
public struct MonetaryTotals: Sendable, Equatable {
    public var lineExtensionAmount: Amount?
    public var taxExclusiveAmount: Amount?
    public var taxInclusiveAmount: Amount?
    public var allowanceTotalAmount: Amount?
    public var chargeTotalAmount: Amount?
    public var prepaidAmount: Amount?
    public var payableRoundingAmount: Amount?
    public var payableAmount: Amount?
    /// First root-level TaxTotal/TaxAmount in the document currency.
    public var taxAmount: Amount?

    public init() {}

    public var lineExtension: Decimal? { lineExtensionAmount?.value }
    public var taxExclusive: Decimal? { taxExclusiveAmount?.value }
    public var taxInclusive: Decimal? { taxInclusiveAmount?.value }
    public var payable: Decimal? { payableAmount?.value }
    public var tax: Decimal? { taxAmount?.value }

    public var lineExtensionText: String? { lineExtensionAmount?.text }
    public var taxExclusiveText: String? { taxExclusiveAmount?.text }
    public var taxInclusiveText: String? { taxInclusiveAmount?.text }
    public var payableText: String? { payableAmount?.text }
    public var taxText: String? { taxAmount?.text }
}

/// The LegalMonetaryTotal children the reader keeps.
enum MonetaryField: String, CaseIterable {
    case lineExtension = "cbc:LineExtensionAmount"
    case taxExclusive = "cbc:TaxExclusiveAmount"
    case taxInclusive = "cbc:TaxInclusiveAmount"
    case allowanceTotal = "cbc:AllowanceTotalAmount"
    case chargeTotal = "cbc:ChargeTotalAmount"
    case prepaid = "cbc:PrepaidAmount"
    case payableRounding = "cbc:PayableRoundingAmount"
    case payable = "cbc:PayableAmount"

    var keyPath: WritableKeyPath<MonetaryTotals, Amount?> {
        switch self {
        case .lineExtension: \.lineExtensionAmount
        case .taxExclusive: \.taxExclusiveAmount
        case .taxInclusive: \.taxInclusiveAmount
        case .allowanceTotal: \.allowanceTotalAmount
        case .chargeTotal: \.chargeTotalAmount
        case .prepaid: \.prepaidAmount
        case .payableRounding: \.payableRoundingAmount
        case .payable: \.payableAmount
        }
    }
}
