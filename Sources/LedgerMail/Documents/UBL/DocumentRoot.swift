/// Which UBL document the root element declares. The root, never the type
/// code, decides invoice versus credit note: a 380 with negative totals is
/// still an invoice (a correction), and plain UBL may carry no type code at all.
public enum DocumentRoot: String, Sendable, Codable {
    case invoice = "Invoice"
    case creditNote = "CreditNote"

    /// The namespace URI that makes the root element a UBL document.
    /// UBL 2.0 and 2.1 share it, so the reader never looks at UBLVersionID.
    public var namespace: String {
        switch self {
        case .invoice: UBLNamespace.invoice
        case .creditNote: UBLNamespace.creditNote
        }
    }
}

/// Namespace URIs the reader matches on. Prefixes are chosen by the sender
/// and mean nothing; only URI + local name identify an element.
enum UBLNamespace {
    static let invoice = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
    static let creditNote = "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
    static let cbc = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
    static let cac = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
    /// Peppol transport envelope; the invoice sits somewhere inside it.
    static let sbdh = "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
}
