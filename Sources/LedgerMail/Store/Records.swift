import Foundation
import GRDB

// One struct per table; the tables themselves are created in `Migrations.swift`.
// Column names are the property names.

struct DossierRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "dossier"
    var name: String
    var company: String
    var enterpriseNumber: String
    var language: String
    var dispatch: String
    var fromName: String?
    var fromAddress: String
    var accountant: String
    var timeZone: String
    var createdAt: Date
    /// Set when the dossier was archived: its documents and history stay, read-only.
    var archivedAt: Date?
    /// Where the digest of trouble goes; none while unset.
    var ownerEmail: String? = nil
}

struct RouteRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "route"
    var dossier: String
    var kind: String
    /// The addresses, comma separated (an address never contains a comma: `EmailAddress`).
    var addresses: String
    var attach: String
    var dispatch: String?
    var maxSize: Int?
    /// Pulled through the documents feed instead of mailed (`addresses` is then empty).
    var pull: Bool = false
}

struct DocumentRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "document"
    var id: Int64?
    var dossier: String
    var kind: String?
    /// `Invoice` or `CreditNote` for UBL; nil for a PDF or image given with a kind.
    var root: String?
    var number: String
    /// Who issued it (normalised identifier): with root and number, what makes two files versions of one document.
    var supplierKey: String
    var issueDate: String?
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
    var heldReason: String?
    var importedAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct DeliveryRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "delivery"
    var id: Int64?
    var documentID: Int64
    /// The route's kind; nil while held.
    var routeKind: String?
    var state: String
    var dueAt: Date?
    var sentAt: Date?
    var attempts: Int
    /// When the first attempt was made: retries give up `retry.give_up_after` later.
    var firstAttemptAt: Date?
    /// Chosen before the first attempt and kept for every retry, so a repeat is recognisable.
    var messageID: String?
    /// When set, only these addresses (comma separated): a retry of recipients that answered 4xx
    /// while the others took the mail.
    var onlyRecipients: String?
    var lastReply: String?
    var bounceRecipient: String?
    var bounceStatus: String?
    var bounceReason: String?
    var bounceDiagnostic: String?
    var updatedAt: Date
    /// On a pull route: when the accountant's software acknowledged it, and whose token did.
    var collectedAt: Date? = nil
    var collectedBy: String? = nil

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// A delivery not yet attempted.
    static func new(documentID: Int64, routeKind: String?, state: DeliveryState, dueAt: Date?, now: Date) -> DeliveryRecord {
        DeliveryRecord(id: nil, documentID: documentID, routeKind: routeKind, state: state.rawValue, dueAt: dueAt, sentAt: nil,
                       attempts: 0, firstAttemptAt: nil, messageID: nil, onlyRecipients: nil, lastReply: nil, bounceRecipient: nil,
                       bounceStatus: nil, bounceReason: nil, bounceDiagnostic: nil, updatedAt: now)
    }
}

struct RecipientRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "deliveryRecipient"
    var id: Int64?
    var deliveryID: Int64
    var address: String
    var state: String
    var smtpReply: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct InboundRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "inbound"
    var id: Int64?
    var receivedAt: Date
    var folder: String
    var uidValidity: Int64
    var uid: Int64
    var kind: String
    var fromAddress: String?
    var subject: String?
    var summary: String
    var messageID: String?
    /// The delivery whose state it changed (valid VERP token), or linked for display.
    var deliveryID: Int64?
    /// Verified: it changed its delivery (see `trust`).
    var verpValid: Bool
    /// Why it was or was not trusted; nil for mail recorded before this was kept.
    var trust: InboundTrust? = nil
    var isVerified: Bool { trust?.isVerified ?? verpValid }
    var unverifiedBecause: String? { trust.flatMap { $0.isVerified ? nil : $0.explanation } }
    /// The raw message in the blob store: nothing read is ever lost.
    var rawSHA256: String
    /// Unreadable: recorded, and left in the folder for a person instead of moved.
    var leftInFolder: Bool

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

struct MailboxCursorRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "mailboxCursor"
    /// `user@host:port/folder`: another account or folder starts from scratch.
    var mailbox: String
    var uidValidity: Int64
    var lastUID: Int64
    /// The next message, when the server refused to hand it over, and how many passes in a row.
    var refusedUID: Int64? = nil
    var refusals: Int = 0
}
