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
    /// The day that places it in a period: its issue date's calendar day (`Period.calendarDay`),
    /// else the day it was imported, in its dossier's time zone. Kept on the row so a period's
    /// documents are one indexed range; `insert` sets it when the caller has not, on both engines.
    var periodDay: String?
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

    mutating func willInsert(_ db: Database) throws {
        // The importer sets it with the dossier in hand; for anyone else, the zone is looked up.
        if periodDay == nil { keepPeriodDay(timeZone: try DossierRecord.fetchOne(db, key: dossier)?.timeZone) }
    }
    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Sets `periodDay`: the one rule, whichever engine inserts.
    mutating func keepPeriodDay(timeZone: String?) {
        periodDay = Self.periodDay(issueDate: issueDate, importedAt: importedAt, timeZone: timeZone)
    }

    static func periodDay(issueDate: String?, importedAt: Date, timeZone: String?) -> String {
        if let day = issueDate.flatMap(Period.calendarDay) { return day }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = Dossier.resolvedTimeZone(timeZone)
        let day = calendar.dateComponents([.year, .month, .day], from: importedAt)
        return String(format: "%04d-%02d-%02d", day.year ?? 0, day.month ?? 0, day.day ?? 0)
    }

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
        static let periodDay = Column(CodingKeys.periodDay)
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
