/// One InvoiceLine or CreditNoteLine, as written. Sub-lines are not read:
/// their amounts are already in the parent line's.
public struct InvoiceLine: Sendable, Equatable {
    /// The line's cbc:ID.
    public var id: String?
    /// Item/Name, else the first Item/Description: Peppol requires the
    /// name, older UBL often carries only a description.
    public var description: String?
    /// InvoicedQuantity, CreditedQuantity or DebitedQuantity.
    public var quantity: Amount?
    /// The quantity's unitCode (UN/ECE rec 20, e.g. "C62", "HUR").
    public var unitCode: String?
    /// Price/PriceAmount: the net unit price.
    public var price: Amount?
    /// LineExtensionAmount: the line's net total.
    public var amount: Amount?
    /// Item/ClassifiedTaxCategory/ID (S, Z, E, AE, K, ...).
    public var vatCategory: String?
    /// Item/ClassifiedTaxCategory/Percent.
    public var vatPercent: Amount?
    /// The line's own discounts and surcharges (not the price's).
    public var allowanceCharges: [AllowanceCharge] = []

    public init(
        id: String? = nil, description: String? = nil, quantity: Amount? = nil, unitCode: String? = nil,
        price: Amount? = nil, amount: Amount? = nil, vatCategory: String? = nil, vatPercent: Amount? = nil
    ) {
        self.id = id
        self.description = description
        self.quantity = quantity
        self.unitCode = unitCode
        self.price = price
        self.amount = amount
        self.vatCategory = vatCategory
        self.vatPercent = vatPercent
    }
}

/// One line being read; complete when its element closes. Paths are
/// relative to the line element, so a sub-line's fields (one level deeper,
/// under cac:SubInvoiceLine) never match.
struct PendingLine {
    private var line = InvoiceLine()
    private var itemName: String?
    private var itemDescription: String?
    private var allowanceCharge = PendingAllowanceCharge()

    mutating func take(_ path: ArraySlice<String>, value: String, attributes: [String: String]) {
        switch Array(path) {
        case ["cbc:ID"]:
            line.id = line.id ?? value
        case ["cbc:InvoicedQuantity"], ["cbc:CreditedQuantity"], ["cbc:DebitedQuantity"]:
            guard line.quantity == nil else { return }
            line.quantity = Amount(text: value)
            line.unitCode = attributes["unitCode"].flatMap(nonEmpty)
        case ["cbc:LineExtensionAmount"]:
            line.amount = line.amount ?? Amount(text: value)
        case ["cac:Item", "cbc:Name"]:
            itemName = itemName ?? value
        case ["cac:Item", "cbc:Description"]:
            itemDescription = itemDescription ?? value
        case ["cac:Item", "cac:ClassifiedTaxCategory", "cbc:ID"]:
            line.vatCategory = line.vatCategory ?? value
        case ["cac:Item", "cac:ClassifiedTaxCategory", "cbc:Percent"]:
            line.vatPercent = line.vatPercent ?? Amount(text: value)
        case ["cac:Price", "cbc:PriceAmount"]:
            line.price = line.price ?? Amount(text: value)
        case _ where path.first == "cac:AllowanceCharge":
            allowanceCharge.take(path.dropFirst(), value: value)
        default:
            break
        }
    }

    /// A container inside the line ended: an AllowanceCharge is complete then.
    mutating func close(_ path: ArraySlice<String>) {
        guard Array(path) == ["cac:AllowanceCharge"] else { return }
        line.allowanceCharges.append(allowanceCharge.build())
        allowanceCharge = PendingAllowanceCharge()
    }

    func build() -> InvoiceLine {
        var result = line
        result.description = itemName ?? itemDescription
        return result
    }
}
