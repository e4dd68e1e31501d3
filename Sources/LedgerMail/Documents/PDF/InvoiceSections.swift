/// The blocks of the rendered invoice, top to bottom. Every value from the
/// document goes through `PangoMarkup.escape` before it reaches pango.
extension InvoicePageWriter {
    mutating func drawHeader() {
        let titleWidth = 260.0
        let title = PangoMarkup.escape(labels.title(for: document.root))
        var facts = [(labels.number, document.number)]
        if let issueDate = document.issueDate { facts.append((labels.issueDate, format.date(issueDate))) }
        if let dueDate = document.dueDate { facts.append((labels.dueDate, format.date(dueDate))) }
        let factsMarkup = facts.map { "\(PangoMarkup.bold($0.0 + ":")) \(PangoMarkup.escape($0.1))" }
            .joined(separator: "\n")
        let titleHeight = canvas.draw(title, x: Self.margin, y: y, width: titleWidth, style: TextStyle(font: .title, maxLines: 2))
        let factsHeight = canvas.draw(
            factsMarkup, x: Self.margin + titleWidth, y: y, width: Self.contentWidth - titleWidth,
            style: TextStyle(alignment: .right)
        )
        advance(max(titleHeight, factsHeight), gap: 20)
    }

    mutating func drawParties() {
        let gutter = 24.0
        let columnWidth = (Self.contentWidth - gutter) / 2
        let supplier = partyMarkup(heading: labels.supplier, document.supplier)
        let customer = partyMarkup(heading: labels.customer, document.customer)
        let height = max(canvas.height(of: supplier, width: columnWidth), canvas.height(of: customer, width: columnWidth))
        makeRoom(for: height)
        canvas.draw(supplier, x: Self.margin, y: y, width: columnWidth)
        canvas.draw(customer, x: Self.margin + columnWidth + gutter, y: y, width: columnWidth)
        advance(height, gap: 20)
    }

    mutating func drawLines() {
        // Widths leave "Eenheidsprijs" and "Quantité" on one line (bold, 9 pt), and the VAT
        // rate ("13,5 %") on one line always; the description takes what is left and wraps.
        let currency = document.currency.map { " (\($0))" } ?? ""
        let columns = [
            Column(width: Self.contentWidth - 327, alignment: .left, maxLines: 8),
            Column(width: 60, alignment: .right),
            Column(width: 85, alignment: .right),
            Column(width: 48, alignment: .right, maxLines: 1),
            Column(width: 94, alignment: .right),
        ]
        let header = [labels.description, labels.quantity, labels.price, labels.lineVAT, labels.amount + currency]
        // A line's discounts and surcharges follow it, so quantity × price, minus and plus them,
        // is the line amount on the page.
        let rows = document.lines.flatMap { line in
            [[
                PangoMarkup.escape(line.description ?? line.id ?? ""),
                PangoMarkup.escape(format.plain(line.quantity)),
                PangoMarkup.escape(format.money(line.price)),
                PangoMarkup.escape(format.percent(line.vatPercent)),
                PangoMarkup.escape(format.money(line.amount)),
            ]] + line.allowanceCharges.map { [allowanceChargeMarkup($0), "", "", "", PangoMarkup.escape(signedAmount($0))] }
        }
        drawTable(header: header, rows: rows, columns: columns)
    }

    mutating func drawVATBreakdown() {
        guard !document.taxBreakdown.isEmpty else { return }
        let columns = [
            Column(width: 120, alignment: .left),
            Column(width: 150, alignment: .right),
            Column(width: 120, alignment: .right),
        ]
        let rows = document.taxBreakdown.map { subtotal in
            let category = subtotal.categoryID.map { " (\($0))" } ?? ""
            return [
                PangoMarkup.escape(format.percent(subtotal.percent) + category),
                PangoMarkup.escape(format.money(subtotal.taxableAmount)),
                PangoMarkup.escape(format.money(subtotal.taxAmount)),
            ]
        }
        drawTable(header: [labels.vatRate, labels.vatBase, labels.vatAmount], rows: rows, columns: columns)
    }

    mutating func drawTotals() {
        let totals = document.totals
        let currency = document.currency.map { " \($0)" } ?? ""
        var rows: [(String, String?)] = []
        // With discounts or surcharges on the whole document, the lines' sum is not the net total.
        if totals.allowanceTotalAmount != nil || totals.chargeTotalAmount != nil || !document.allowanceCharges.isEmpty {
            rows.append((labels.linesTotal, totals.lineExtensionAmount.map { format.money($0) + currency }))
            rows.append((labels.allowancesTotal, totals.allowanceTotalAmount.map { "-" + format.money($0) + currency }))
            rows.append((labels.chargesTotal, totals.chargeTotalAmount.map { "+" + format.money($0) + currency }))
        }
        rows.append((labels.totalNet, (totals.taxExclusiveAmount ?? totals.lineExtensionAmount).map { format.money($0) + currency }))
        rows.append((labels.totalVAT, totals.taxAmount.map { format.money($0) + currency }))
        if let taxCurrency = document.taxCurrency {
            rows.append(("\(labels.vatIn) \(taxCurrency)", document.taxInTaxCurrency.map { format.money($0) + " " + taxCurrency }))
        }
        rows.append((labels.totalGross, totals.taxInclusiveAmount.map { format.money($0) + currency }))
        if let prepaid = totals.prepaidAmount, prepaid.value != 0 { rows.append((labels.prepaid, format.money(prepaid) + currency)) }
        let written = rows.compactMap { label, value in value.map { (PangoMarkup.escape(label), PangoMarkup.escape($0)) } }
            + [(PangoMarkup.bold(labels.payable), PangoMarkup.bold(format.money(totals.payableAmount) + currency))]
        let labelsMarkup = written.map(\.0).joined(separator: "\n")
        let valuesMarkup = written.map(\.1).joined(separator: "\n")
        let labelWidth = 150.0
        let valueWidth = 120.0
        let height = max(
            canvas.height(of: labelsMarkup, width: labelWidth, style: TextStyle(maxLines: 20)),
            canvas.height(of: valuesMarkup, width: valueWidth, style: TextStyle(alignment: .right, maxLines: 20))
        )
        makeRoom(for: height)
        let left = Self.margin + Self.contentWidth - labelWidth - valueWidth
        canvas.draw(labelsMarkup, x: left, y: y, width: labelWidth, style: TextStyle(maxLines: 20))
        canvas.draw(valuesMarkup, x: left + labelWidth, y: y, width: valueWidth, style: TextStyle(alignment: .right, maxLines: 20))
        advance(height, gap: 20)
    }

    mutating func drawPayment() {
        var facts: [(String, String)] = []
        if let reference = document.paymentReference { facts.append((labels.paymentReference, reference)) }
        if let iban = document.iban { facts.append((labels.iban, iban)) }
        guard !facts.isEmpty else { return }
        let markup = facts.map { "\(PangoMarkup.bold($0.0 + ":")) \(PangoMarkup.escape($0.1))" }.joined(separator: "\n")
        let height = canvas.height(of: markup, width: Self.contentWidth)
        makeRoom(for: height)
        canvas.draw(markup, x: Self.margin, y: y, width: Self.contentWidth)
        advance(height, gap: 12)
    }

    private func partyMarkup(heading: String, _ party: Party) -> String {
        var lines = ["<span size=\"small\" foreground=\"#555555\">\(PangoMarkup.escape(heading.uppercased()))</span>"]
        if let name = party.name { lines.append(PangoMarkup.bold(name)) }
        if let address = party.address {
            lines += [address.street, address.additionalStreet].compactMap { $0.map(PangoMarkup.escape) }
            let cityLine = [address.postalZone, address.city].compactMap { $0 }.joined(separator: " ")
            if !cityLine.isEmpty { lines.append(PangoMarkup.escape(cityLine)) }
            if let country = address.countryCode { lines.append(PangoMarkup.escape(country)) }
        }
        if let vat = party.vat { lines.append("\(PangoMarkup.escape(labels.vatNumber)) \(PangoMarkup.escape(vat))") }
        return lines.joined(separator: "\n")
    }
}
