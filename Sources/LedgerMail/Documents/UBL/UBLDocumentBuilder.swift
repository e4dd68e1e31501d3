import Foundation

/// Builds a `UBLDocument` from namespace-resolved SAX events.
///
/// Elements are tracked as a path of "cbc:Name" / "cac:Name" tags relative to
/// the UBL root, so only the intended element counts: the root's own cbc:ID,
/// not an InvoiceLine's or an extension's. Kept free of the parser so it can be
/// read and tested on its own.
struct UBLDocumentBuilder {
    let limits: UBLReaderLimits

    private var depth = 0
    private var firstElement: (name: String, namespace: String?)?
    private var root: DocumentRoot?
    private var rootDepth = 0
    private var rootClosed = false
    private var wasEnveloped = false
    private var path: [String] = []
    private var attributeStack: [[String: String]] = []
    private var text = ""

    private var leafValues: [[String]: String] = [:]
    private var payableCurrency: String?
    /// Each root-level TaxTotal/TaxAmount, with the index (in `taxTotals`)
    /// of the TaxTotal it belongs to, so the breakdown follows the amount.
    private var taxAmounts: [(currency: String?, text: String, totalIndex: Int)] = []
    private var taxTotals: [PendingTaxTotal] = []
    private var pendingTaxTotal = PendingTaxTotal()
    private var lines: [InvoiceLine] = []
    private var pendingLine = PendingLine()
    private var allowanceCharges: [AllowanceCharge] = []
    private var pendingAllowanceCharge = PendingAllowanceCharge()
    private var supplier = PartyBuilder()
    private var customer = PartyBuilder()
    private var pendingReference = PendingReference()
    private var attachments: [EmbeddedAttachment] = []
    private var warnings: [String] = []

    init(limits: UBLReaderLimits) {
        self.limits = limits
    }

    /// Root-level leaves kept as the first value written; everything else is
    /// routed explicitly below.
    private static let rootLeaves = Set<[String]>([
        ["cbc:ID"], ["cbc:IssueDate"], ["cbc:DueDate"], ["cbc:InvoiceTypeCode"],
        ["cbc:CreditNoteTypeCode"], ["cbc:DocumentCurrencyCode"], ["cbc:TaxCurrencyCode"], ["cbc:CustomizationID"],
        ["cbc:ProfileID"], ["cac:PaymentMeans", "cbc:PaymentDueDate"],
        ["cac:PaymentMeans", "cbc:PaymentID"], ["cac:PaymentMeans", "cac:PayeeFinancialAccount", "cbc:ID"],
    ]).union(MonetaryField.allCases.map { ["cac:LegalMonetaryTotal", $0.rawValue] })

    mutating func start(name: String, namespace: String?, attributes: [String: String]) throws(UBLReadError) {
        depth += 1
        guard depth <= limits.maxElementDepth else { throw .tooDeep(limit: limits.maxElementDepth) }
        if firstElement == nil { firstElement = (name, namespace) }
        guard root != nil else {
            try lookForRoot(name: name, namespace: namespace)
            return
        }
        guard !rootClosed else { return }
        path.append(Self.tag(name: name, namespace: namespace))
        attributeStack.append(attributes)
        text = ""
    }

    mutating func characters(_ string: String) {
        // Only leaves (cbc:*) carry data; the parser may deliver their text in
        // several pieces, so it is accumulated until the element ends.
        guard root != nil, !rootClosed, path.last?.hasPrefix("cbc:") == true else { return }
        text += string
    }

    mutating func end() {
        defer { depth -= 1 }
        guard root != nil, !rootClosed else { return }
        guard depth > rootDepth else {
            rootClosed = true
            return
        }
        let attributes = attributeStack.last ?? [:]
        // A binary object's text (megabytes of base64) is only used raw: not trimmed into a copy.
        let binary = path.last == "cbc:EmbeddedDocumentBinaryObject"
        if let value = binary ? (text.utf8.contains { !AttachmentDecoder.isWhitespace($0) } ? text : nil) : nonEmpty(text) {
            takeLeaf(value: value, rawText: text, attributes: attributes)
        } else {
            closeContainer()
        }
        path.removeLast()
        attributeStack.removeLast()
        text = ""
    }

    private mutating func lookForRoot(name: String, namespace: String?) throws(UBLReadError) {
        if let candidate = DocumentRoot(rawValue: name), namespace == candidate.namespace {
            root = candidate
            rootDepth = depth
        } else if depth == 1 {
            // Only a Peppol SBDH envelope may wrap the document.
            guard name == "StandardBusinessDocument", namespace == UBLNamespace.sbdh else {
                throw .notUBL(rootElement: name, namespace: namespace)
            }
            wasEnveloped = true
        }
    }

    private mutating func takeLeaf(value: String, rawText: String, attributes: [String: String]) {
        if Self.rootLeaves.contains(path) {
            leafValues[path] = leafValues[path] ?? value
        }
        switch path.first {
        case "cac:LegalMonetaryTotal" where path == ["cac:LegalMonetaryTotal", "cbc:PayableAmount"]:
            payableCurrency = payableCurrency ?? attributes["currencyID"].flatMap(nonEmpty)
        case "cac:TaxTotal":
            if path == ["cac:TaxTotal", "cbc:TaxAmount"] {
                taxAmounts.append((attributes["currencyID"].flatMap(nonEmpty), value, taxTotals.count))
            }
            pendingTaxTotal.take(path.dropFirst(), value: value)
        case "cac:InvoiceLine", "cac:CreditNoteLine":
            pendingLine.take(path.dropFirst(), value: value, attributes: attributes)
        case "cac:AllowanceCharge":
            pendingAllowanceCharge.take(path.dropFirst(), value: value)
        case "cac:AccountingSupplierParty" where path.dropFirst().first == "cac:Party":
            supplier.take(path.dropFirst(2), value: value, attributes: attributes)
        case "cac:AccountingCustomerParty" where path.dropFirst().first == "cac:Party":
            customer.take(path.dropFirst(2), value: value, attributes: attributes)
        case "cac:AdditionalDocumentReference":
            pendingReference.take(path.dropFirst(), value: value, rawText: rawText, attributes: attributes)
        default:
            break
        }
    }

    private mutating func closeContainer() {
        switch path.first {
        case "cac:AccountingSupplierParty" where path.dropFirst().first == "cac:Party":
            supplier.close(path.dropFirst(2))
        case "cac:AccountingCustomerParty" where path.dropFirst().first == "cac:Party":
            customer.close(path.dropFirst(2))
        case "cac:AdditionalDocumentReference" where path.count == 1:
            finishReference()
        case "cac:TaxTotal" where path.count == 1:
            taxTotals.append(pendingTaxTotal)
            pendingTaxTotal = PendingTaxTotal()
        case "cac:TaxTotal":
            pendingTaxTotal.close(path.dropFirst())
        case "cac:InvoiceLine" where path.count == 1, "cac:CreditNoteLine" where path.count == 1:
            lines.append(pendingLine.build())
            pendingLine = PendingLine()
        case "cac:InvoiceLine", "cac:CreditNoteLine":
            pendingLine.close(path.dropFirst())
        case "cac:AllowanceCharge" where path.count == 1:
            allowanceCharges.append(pendingAllowanceCharge.build())
            pendingAllowanceCharge = PendingAllowanceCharge()
        default:
            break
        }
    }

    private mutating func finishReference() {
        defer { pendingReference = PendingReference() }
        guard let base64 = pendingReference.base64 else { return }
        let decoder = AttachmentDecoder(maxAttachmentBytes: limits.maxAttachmentBytes)
        switch decoder.decode(
            referenceID: pendingReference.id, base64: base64,
            mimeType: pendingReference.mimeType, filenameAttribute: pendingReference.filename
        ) {
        case let .attachment(attachment):
            if attachment.mimeType?.lowercased() == "application/pdf", !attachment.isPDF {
                warnings.append("Attachment \(attachment.filename) is declared application/pdf but is not a PDF (no %PDF signature).")
            }
            attachments.append(attachment)
        case let .skipped(warning):
            warnings.append(warning)
        }
    }

    /// True once the outermost element has closed: a second check, after the
    /// parser's own, that a truncated download is not read as a document.
    var isComplete: Bool { firstElement != nil && depth == 0 }

    func finish() throws(UBLReadError) -> UBLDocument {
        guard let root else {
            throw .notUBL(rootElement: firstElement?.name ?? "", namespace: firstElement?.namespace)
        }
        guard let number = leafValues[["cbc:ID"]] else { throw .missingField("cbc:ID") }
        let currency = leafValues[["cbc:DocumentCurrencyCode"]] ?? payableCurrency
        var totals = MonetaryTotals()
        for field in MonetaryField.allCases {
            totals[keyPath: field.keyPath] = leafValues[["cac:LegalMonetaryTotal", field.rawValue]].map(Amount.init)
        }
        // A second TaxTotal may be in the tax currency; lxml's rule (and ours)
        // is the first whose currencyID equals the document currency.
        let taxInCurrency = taxAmounts.first { $0.currency == currency }
        totals.taxAmount = taxInCurrency.map { Amount(text: $0.text) }
        let taxBreakdown = taxInCurrency.flatMap { taxTotals.indices.contains($0.totalIndex) ? taxTotals[$0.totalIndex].subtotals : nil }
        let taxCurrency = leafValues[["cbc:TaxCurrencyCode"]].flatMap { $0 == currency ? nil : $0 }
        var document = UBLDocument(
            root: root,
            typeCode: leafValues[["cbc:InvoiceTypeCode"]] ?? leafValues[["cbc:CreditNoteTypeCode"]],
            number: number,
            issueDate: leafValues[["cbc:IssueDate"]],
            dueDate: leafValues[["cbc:DueDate"]] ?? leafValues[["cac:PaymentMeans", "cbc:PaymentDueDate"]],
            currency: currency,
            customizationID: leafValues[["cbc:CustomizationID"]],
            profileID: leafValues[["cbc:ProfileID"]],
            supplier: supplier.build(),
            customer: customer.build(),
            totals: totals,
            attachments: attachments,
            wasEnveloped: wasEnveloped,
            warnings: warnings + Self.amountWarnings(root: root, totals: totals),
            lines: lines,
            taxBreakdown: taxBreakdown ?? [],
            paymentReference: leafValues[["cac:PaymentMeans", "cbc:PaymentID"]],
            iban: leafValues[["cac:PaymentMeans", "cac:PayeeFinancialAccount", "cbc:ID"]]
        )
        document.allowanceCharges = allowanceCharges
        document.taxCurrency = taxCurrency
        document.taxInTaxCurrency = taxCurrency.flatMap { code in taxAmounts.first { $0.currency == code } }.map { Amount(text: $0.text) }
        return document
    }

    private static func amountWarnings(root: DocumentRoot, totals: MonetaryTotals) -> [String] {
        var result: [String] = []
        let written = MonetaryField.allCases.compactMap { totals[keyPath: $0.keyPath] } + [totals.taxAmount].compactMap { $0 }
        for amount in written where amount.value == nil {
            result.append("Amount \"\(amount.text)\" is not a plain decimal number; its value is unknown.")
        }
        if root == .invoice, let payable = totals.payable, payable < 0 {
            result.append("Invoice with a negative payable amount (\(totals.payableText ?? "")): book it as a correction.")
        }
        return result
    }

    /// "cbc:Name" / "cac:Name" for UBL components; other namespaces (SBDH,
    /// extensions, signatures) get a tag that no rule above ever matches.
    private static func tag(name: String, namespace: String?) -> String {
        switch namespace {
        case UBLNamespace.cbc: "cbc:" + name
        case UBLNamespace.cac: "cac:" + name
        default: "other:" + name
        }
    }
}

/// The value without surrounding XML whitespace (space, tab, CR, LF), or
/// nil when nothing is left. Works on bytes: a base64 attachment can be
/// tens of megabytes, and Character-level trimming is slow on that.
func nonEmpty(_ text: String) -> String? {
    let bytes = text.utf8
    func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D }
    guard let first = bytes.firstIndex(where: { !isSpace($0) }),
          let last = bytes.lastIndex(where: { !isSpace($0) })
    else { return nil }
    return String(text[first...last])
}
