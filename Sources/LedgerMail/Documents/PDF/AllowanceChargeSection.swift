/// Discounts and surcharges on the rendered invoice: under their line, and as a block of their
/// own for the whole document, before the VAT breakdown they are part of.
extension InvoicePageWriter {
    mutating func drawAllowancesAndCharges() {
        guard !document.allowanceCharges.isEmpty else { return }
        let currency = document.currency.map { " (\($0))" } ?? ""
        let columns = [
            Column(width: Self.contentWidth - 230, alignment: .left, maxLines: 4),
            Column(width: 120, alignment: .right, maxLines: 1),
            Column(width: 94, alignment: .right),
        ]
        let rows = document.allowanceCharges.map { item in
            let category = item.vatCategory.map { " (\($0))" } ?? ""
            return [allowanceChargeMarkup(item, italic: false),
                    PangoMarkup.escape(item.vatPercent.map { format.percent($0) + category } ?? item.vatCategory ?? ""),
                    PangoMarkup.escape(signedAmount(item))]
        }
        drawTable(header: [labels.allowancesAndCharges, labels.vatRate, labels.amount + currency], rows: rows, columns: columns)
    }

    /// "Korting: Volumekorting (10 %)", in italics under a line.
    func allowanceChargeMarkup(_ item: AllowanceCharge, italic: Bool = true) -> String {
        let kind = item.isCharge ? labels.charge : labels.allowance
        let percent = item.percent.map { " (\(format.percent($0)))" } ?? ""
        let text = PangoMarkup.escape(kind + (item.reason.map { ": \($0)" } ?? "") + percent)
        return italic ? "<i>\(text)</i>" : text
    }

    /// "-20,00" for a discount, "+5,00" for a surcharge.
    func signedAmount(_ item: AllowanceCharge) -> String {
        (item.isCharge ? "+" : "-") + format.money(item.amount)
    }
}
