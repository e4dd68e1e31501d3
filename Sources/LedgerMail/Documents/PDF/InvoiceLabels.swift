/// The fixed texts of the rendered invoice, per language. Wording follows
/// what Belgian invoices use (btw / TVA, "excl." / "HTVA").
struct InvoiceLabels {
    let invoice: String
    let creditNote: String
    let number: String
    let issueDate: String
    let dueDate: String
    let supplier: String
    let customer: String
    let vatNumber: String
    let description: String
    let quantity: String
    let price: String
    let lineVAT: String
    let amount: String
    let vatRate: String
    let vatBase: String
    let vatAmount: String
    let totalNet: String
    let totalVAT: String
    let totalGross: String
    let prepaid: String
    let payable: String
    let paymentReference: String
    let iban: String
    let page: String
    let allowance: String
    let charge: String
    let allowancesAndCharges: String
    let linesTotal: String
    let allowancesTotal: String
    let chargesTotal: String
    /// "Btw in EUR": the VAT in the tax currency (Belgian law asks for it in euro).
    let vatIn: String

    func title(for root: DocumentRoot) -> String {
        switch root {
        case .invoice: invoice
        case .creditNote: creditNote
        }
    }

    static func of(_ language: Language) -> InvoiceLabels {
        switch language {
        case .nl: dutch
        case .fr: french
        case .en: english
        }
    }

    private static let dutch = InvoiceLabels(
        invoice: "Factuur", creditNote: "Creditnota", number: "Nummer", issueDate: "Datum",
        dueDate: "Vervaldatum", supplier: "Leverancier", customer: "Klant", vatNumber: "Btw-nr.",
        description: "Omschrijving", quantity: "Aantal", price: "Prijs", lineVAT: "Btw",
        amount: "Bedrag", vatRate: "Btw-tarief", vatBase: "Maatstaf van heffing", vatAmount: "Btw",
        totalNet: "Totaal excl. btw", totalVAT: "Btw", totalGross: "Totaal incl. btw",
        prepaid: "Reeds betaald", payable: "Te betalen", paymentReference: "Mededeling",
        iban: "IBAN", page: "Pagina", allowance: "Korting", charge: "Toeslag",
        allowancesAndCharges: "Kortingen en toeslagen", linesTotal: "Totaal lijnen", allowancesTotal: "Kortingen",
        chargesTotal: "Toeslagen", vatIn: "Btw in"
    )

    private static let french = InvoiceLabels(
        invoice: "Facture", creditNote: "Note de crédit", number: "Numéro", issueDate: "Date",
        dueDate: "Échéance", supplier: "Fournisseur", customer: "Client", vatNumber: "N° TVA",
        description: "Description", quantity: "Quantité", price: "Prix unit.", lineVAT: "TVA",
        amount: "Montant", vatRate: "Taux de TVA", vatBase: "Base imposable", vatAmount: "TVA",
        totalNet: "Total HTVA", totalVAT: "TVA", totalGross: "Total TVAC",
        prepaid: "Déjà payé", payable: "À payer", paymentReference: "Communication",
        iban: "IBAN", page: "Page", allowance: "Remise", charge: "Frais",
        allowancesAndCharges: "Remises et frais", linesTotal: "Total des lignes", allowancesTotal: "Remises",
        chargesTotal: "Frais", vatIn: "TVA en"
    )

    private static let english = InvoiceLabels(
        invoice: "Invoice", creditNote: "Credit note", number: "Number", issueDate: "Date",
        dueDate: "Due date", supplier: "Supplier", customer: "Customer", vatNumber: "VAT no.",
        description: "Description", quantity: "Quantity", price: "Unit price", lineVAT: "VAT",
        amount: "Amount", vatRate: "VAT rate", vatBase: "Taxable amount", vatAmount: "VAT",
        totalNet: "Total excl. VAT", totalVAT: "VAT", totalGross: "Total incl. VAT",
        prepaid: "Prepaid", payable: "Amount due", paymentReference: "Payment reference",
        iban: "IBAN", page: "Page", allowance: "Allowance", charge: "Charge",
        allowancesAndCharges: "Allowances and charges", linesTotal: "Sum of lines", allowancesTotal: "Allowances",
        chargesTotal: "Charges", vatIn: "VAT in"
    )
}
