/// One TaxSubtotal of the document-currency TaxTotal: the VAT breakdown
/// per category and rate.
public struct TaxSubtotal: Sendable, Equatable {
    /// TaxCategory/ID (S, Z, E, AE, K, G, O, L, M).
    public var categoryID: String?
    /// TaxCategory/Percent; absent for some exempt categories.
    public var percent: Amount?
    public var taxableAmount: Amount?
    public var taxAmount: Amount?

    public init(categoryID: String? = nil, percent: Amount? = nil, taxableAmount: Amount? = nil, taxAmount: Amount? = nil) {
        self.categoryID = categoryID
        self.percent = percent
        self.taxableAmount = taxableAmount
        self.taxAmount = taxAmount
    }
}

/// One root-level TaxTotal being read. Its subtotals are kept apart from
/// the other TaxTotal's, because a second one may be in the tax currency.
struct PendingTaxTotal {
    private(set) var subtotals: [TaxSubtotal] = []
    private var current = TaxSubtotal()

    /// Paths relative to the TaxTotal element.
    mutating func take(_ path: ArraySlice<String>, value: String) {
        switch Array(path) {
        case ["cac:TaxSubtotal", "cbc:TaxableAmount"]:
            current.taxableAmount = current.taxableAmount ?? Amount(text: value)
        case ["cac:TaxSubtotal", "cbc:TaxAmount"]:
            current.taxAmount = current.taxAmount ?? Amount(text: value)
        case ["cac:TaxSubtotal", "cac:TaxCategory", "cbc:ID"]:
            current.categoryID = current.categoryID ?? value
        case ["cac:TaxSubtotal", "cac:TaxCategory", "cbc:Percent"]:
            current.percent = current.percent ?? Amount(text: value)
        default:
            break
        }
    }

    /// A container inside the TaxTotal ended; a subtotal is complete then.
    mutating func close(_ path: ArraySlice<String>) {
        guard Array(path) == ["cac:TaxSubtotal"] else { return }
        subtotals.append(current)
        current = TaxSubtotal()
    }
}
