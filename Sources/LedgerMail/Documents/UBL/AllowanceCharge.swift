/// A cac:AllowanceCharge: a discount (allowance) or a surcharge (charge), on one line or on the
/// whole document. A line's amount is quantity × net price minus its allowances plus its
/// charges, so the rendered invoice shows them for the figures to add up.
public struct AllowanceCharge: Sendable, Equatable {
    /// ChargeIndicator: true for a charge, false for an allowance.
    public var isCharge: Bool
    /// AllowanceChargeReason, else its code (AllowanceChargeReasonCode).
    public var reason: String?
    public var amount: Amount?
    /// MultiplierFactorNumeric: the percentage applied, when written.
    public var percent: Amount?
    /// TaxCategory/ID and Percent (document level only).
    public var vatCategory: String?
    public var vatPercent: Amount?

    public init(isCharge: Bool, reason: String? = nil, amount: Amount? = nil, percent: Amount? = nil,
                vatCategory: String? = nil, vatPercent: Amount? = nil) {
        self.isCharge = isCharge
        self.reason = reason
        self.amount = amount
        self.percent = percent
        self.vatCategory = vatCategory
        self.vatPercent = vatPercent
    }
}

/// One AllowanceCharge being read; paths are relative to its element.
struct PendingAllowanceCharge {
    private var result = AllowanceCharge(isCharge: false)
    private var reasonCode: String?

    mutating func take(_ path: ArraySlice<String>, value: String) {
        switch Array(path) {
        case ["cbc:ChargeIndicator"]: result.isCharge = value.lowercased() == "true"
        case ["cbc:AllowanceChargeReason"]: result.reason = result.reason ?? value
        case ["cbc:AllowanceChargeReasonCode"]: reasonCode = reasonCode ?? value
        case ["cbc:Amount"]: result.amount = result.amount ?? Amount(text: value)
        case ["cbc:MultiplierFactorNumeric"]: result.percent = result.percent ?? Amount(text: value)
        case ["cac:TaxCategory", "cbc:ID"]: result.vatCategory = result.vatCategory ?? value
        case ["cac:TaxCategory", "cbc:Percent"]: result.vatPercent = result.vatPercent ?? Amount(text: value)
        default: break
        }
    }

    func build() -> AllowanceCharge {
        var built = result
        built.reason = built.reason ?? reasonCode
        return built
    }
}
