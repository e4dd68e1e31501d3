import Foundation

/// What `inspect --json` prints for one file. Every key is always present
/// (null when unknown, or when the format has no such field), so scripts
/// never have to test for a key; amounts are the strings as written.
public struct InspectionReport: Encodable, Sendable, Equatable {
    public var file: String
    public var format: InspectedFormat
    /// "Invoice" or "CreditNote".
    @NullWhenAbsent public var root: String?
    @NullWhenAbsent public var typeCode: String?
    @NullWhenAbsent public var number: String?
    @NullWhenAbsent public var issueDate: String?
    @NullWhenAbsent public var dueDate: String?
    @NullWhenAbsent public var currency: String?
    public var supplier: PartySummary
    public var customer: PartySummary
    public var totals: Totals
    public var attachments: [Attachment]
    /// Decided by the caller (sale, purchase, review...); not this type's business.
    public var kind: String
    public var selfBilling: Bool
    public var warnings: [String]

    public struct PartySummary: Encodable, Sendable, Equatable {
        @NullWhenAbsent public var name: String?
        @NullWhenAbsent public var vat: String?
        /// "schemeID:value", as `Party.endpoint`.
        @NullWhenAbsent public var endpoint: String?
        @NullWhenAbsent public var legalID: String?

        public init(_ party: Party? = nil) {
            name = party?.name
            vat = party?.vat
            endpoint = party?.endpoint
            legalID = party?.legalID
        }

        enum CodingKeys: String, CodingKey {
            case name, vat, endpoint
            case legalID = "legal_id"
        }
    }

    public struct Totals: Encodable, Sendable, Equatable {
        @NullWhenAbsent public var lineExtension: String?
        @NullWhenAbsent public var taxExclusive: String?
        @NullWhenAbsent public var tax: String?
        @NullWhenAbsent public var taxInclusive: String?
        @NullWhenAbsent public var payable: String?

        public init(_ totals: MonetaryTotals? = nil) {
            lineExtension = totals?.lineExtensionText
            taxExclusive = totals?.taxExclusiveText
            tax = totals?.taxText
            taxInclusive = totals?.taxInclusiveText
            payable = totals?.payableText
        }

        enum CodingKeys: String, CodingKey {
            case lineExtension = "line_extension"
            case taxExclusive = "tax_exclusive"
            case tax
            case taxInclusive = "tax_inclusive"
            case payable
        }
    }

    public struct Attachment: Encodable, Sendable, Equatable {
        public var filename: String
        @NullWhenAbsent public var mimeType: String?
        public var sha256: String
        /// By the bytes (%PDF), not by the declared MIME type.
        public var isPDF: Bool

        public init(_ attachment: EmbeddedAttachment, sha256 hash: (Data) -> String) {
            filename = attachment.filename
            mimeType = attachment.mimeType
            sha256 = hash(attachment.data)
            isPDF = attachment.isPDF
        }

        enum CodingKeys: String, CodingKey {
            case filename
            case mimeType = "mime_type"
            case sha256
            case isPDF = "is_pdf"
        }
    }

    /// A UBL document the reader accepted. `sha256` hashes attachments as
    /// hex; the gateway passes its blob store's (swift-crypto) function.
    public init(document: UBLDocument, file: String, kind: String, sha256: (Data) -> String) {
        self.file = file
        format = .ubl
        root = document.root.rawValue
        typeCode = document.typeCode
        number = document.number
        issueDate = document.issueDate
        dueDate = document.dueDate
        currency = document.currency
        supplier = PartySummary(document.supplier)
        customer = PartySummary(document.customer)
        totals = Totals(document.totals)
        attachments = document.attachments.map { Attachment($0, sha256: sha256) }
        self.kind = kind
        selfBilling = document.isSelfBilling
        warnings = document.warnings
    }

    /// A file that is not UBL (a PDF, an image, a CODA statement): only the
    /// format is known; the document fields are null.
    public init(file: String, format: InspectedFormat, kind: String, warnings: [String] = []) {
        self.file = file
        self.format = format
        self.kind = kind
        self.warnings = warnings
        supplier = PartySummary()
        customer = PartySummary()
        totals = Totals()
        attachments = []
        selfBilling = false
    }

    /// As above, with the format detected from the bytes; nil when they are
    /// no PDF, PNG, JPEG or CODA statement.
    public init?(file: String, data: Data, kind: String) {
        guard let format = InspectedFormat.detect(data) else { return nil }
        self.init(file: file, format: format, kind: kind)
    }

    enum CodingKeys: String, CodingKey {
        case file, format, root
        case typeCode = "type_code"
        case number
        case issueDate = "issue_date"
        case dueDate = "due_date"
        case currency, supplier, customer, totals, attachments, kind
        case selfBilling = "self_billing"
        case warnings
    }
}
