/// What the reader extracts from one UBL invoice or credit note.
public struct UBLDocument: Sendable, Equatable {
    public var root: DocumentRoot
    /// InvoiceTypeCode / CreditNoteTypeCode; may be missing or free text.
    public var typeCode: String?
    /// The root's cbc:ID.
    public var number: String
    /// "YYYY-MM-DD" exactly as written.
    public var issueDate: String?
    /// Invoice cbc:DueDate, else the first PaymentMeans/PaymentDueDate.
    public var dueDate: String?
    /// DocumentCurrencyCode, else LegalMonetaryTotal/PayableAmount@currencyID.
    public var currency: String?
    public var customizationID: String?
    public var profileID: String?
    public var supplier: Party
    public var customer: Party
    public var totals: MonetaryTotals
    public var attachments: [EmbeddedAttachment]
    /// True when the document came inside an SBDH envelope.
    public var wasEnveloped: Bool
    /// Things a person should know about that did not stop the read.
    public var warnings: [String]
    /// InvoiceLine / CreditNoteLine elements, in document order.
    public var lines: [InvoiceLine]
    /// The subtotals of the TaxTotal that `totals.taxAmount` comes from
    /// (the first one in the document currency).
    public var taxBreakdown: [TaxSubtotal]
    /// The first PaymentMeans/PaymentID: the structured communication
    /// ("+++123/4567/89012+++") or free reference to pay with.
    public var paymentReference: String?
    /// The first PaymentMeans/PayeeFinancialAccount/ID, as written.
    public var iban: String?
    /// Document-level discounts and surcharges.
    public var allowanceCharges: [AllowanceCharge] = []
    /// TaxCurrencyCode, when the VAT must also be stated in another currency (Belgian law: euro).
    public var taxCurrency: String?
    /// The TaxTotal/TaxAmount in `taxCurrency`, when the document has one.
    public var taxInTaxCurrency: Amount?

    public init(
        root: DocumentRoot, typeCode: String?, number: String, issueDate: String?,
        dueDate: String?, currency: String?, customizationID: String?, profileID: String?,
        supplier: Party, customer: Party, totals: MonetaryTotals,
        attachments: [EmbeddedAttachment], wasEnveloped: Bool, warnings: [String],
        lines: [InvoiceLine] = [], taxBreakdown: [TaxSubtotal] = [],
        paymentReference: String? = nil, iban: String? = nil
    ) {
        self.root = root
        self.typeCode = typeCode
        self.number = number
        self.issueDate = issueDate
        self.dueDate = dueDate
        self.currency = currency
        self.customizationID = customizationID
        self.profileID = profileID
        self.supplier = supplier
        self.customer = customer
        self.totals = totals
        self.attachments = attachments
        self.wasEnveloped = wasEnveloped
        self.warnings = warnings
        self.lines = lines
        self.taxBreakdown = taxBreakdown
        self.paymentReference = paymentReference
        self.iban = iban
    }

    /// Type codes that only exist in the Peppol self-billing profile.
    static let selfBillingTypeCodes: Set<String> = ["389", "527", "261"]

    /// Self-billing: the buyer issued the document. Roles still do not swap.
    public var isSelfBilling: Bool {
        if let typeCode, Self.selfBillingTypeCodes.contains(typeCode) { return true }
        return customizationID?.lowercased().contains("selfbilling") ?? false
    }

    /// The attachment to archive as the human-readable invoice.
    public var firstPDF: EmbeddedAttachment? { attachments.first(where: \.isPDF) }
}
