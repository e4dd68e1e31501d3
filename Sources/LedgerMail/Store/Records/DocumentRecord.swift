import Foundation
import GRDB

/// One imported file, as the accountant receives it.
struct DocumentRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "document"
    var id: Int64?
    var dossier: String
    var kind: DocumentKind?
    /// Nil for a PDF or image given with a kind.
    var root: DocumentRoot?
    var number: String
    /// Who issued it (normalised identifier): with root and number, what makes two files versions of one document.
    var supplierKey: String
    var issueDate: String?
    /// The calendar day `issueDate` names (`Period.calendarDay`), nil when it names none: kept
    /// beside it so a period's documents are found by an index, set by `insert` on both engines.
    var issueDay: String?
    var counterparty: String?
    /// The name of the file as imported.
    var fileName: String
    /// SHA-256 of the imported bytes: the same bytes again are "already imported".
    var sourceSHA256: String
    var ublSHA256: String?
    var pdfSHA256: String?
    /// True when LedgerMail rendered the PDF (the UBL had none, and none lay beside it).
    var pdfRendered: Bool
    /// A file that is neither UBL nor PDF (a CODA statement, an image), sent as it is.
    var fileSHA256: String?
    var fileMimeType: String?
    var fileExtension: String?
    /// Attachments are named `<attachmentBase>.xml` / `.pdf`.
    var attachmentBase: String
    var version: Int
    var supersededBy: Int64?
    /// Why it waits for a person; nil when it does not.
    var heldBecause: HoldReason?
    /// What the reader said when it could not decide the kind (`heldBecause == .kindUndecided`).
    var heldDetail: String?
    var importedAt: Date

    mutating func willInsert(_ db: Database) throws { keepIssueDay() }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Sets `issueDay` from `issueDate`: the one rule, whichever engine inserts.
    mutating func keepIssueDay() { issueDay = issueDate.flatMap(Period.calendarDay) }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let dossier = Column(CodingKeys.dossier)
        static let kind = Column(CodingKeys.kind)
        static let root = Column(CodingKeys.root)
        static let number = Column(CodingKeys.number)
        static let supplierKey = Column(CodingKeys.supplierKey)
        static let sourceSHA256 = Column(CodingKeys.sourceSHA256)
        static let version = Column(CodingKeys.version)
        static let supersededBy = Column(CodingKeys.supersededBy)
        static let heldBecause = Column(CodingKeys.heldBecause)
        static let heldDetail = Column(CodingKeys.heldDetail)
        static let issueDate = Column(CodingKeys.issueDate)
        static let issueDay = Column(CodingKeys.issueDay)
        static let importedAt = Column(CodingKeys.importedAt)
    }

    /// The sentence a person reads about why it waits.
    var heldReason: String? {
        heldBecause.map { $0.sentence(kind: kind, version: version, detail: heldDetail) }
    }

    mutating func hold(_ reason: HoldReason?, detail: String? = nil) {
        heldBecause = reason
        heldDetail = reason == nil ? nil : detail
    }
}
