import Foundation
import GRDB

/// One message read from the inbox: a bounce, a reply, a challenge, or something else.
struct InboundRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "inbound"
    var id: Int64?
    var receivedAt: Date
    var folder: String
    var uidValidity: Int64
    var uid: Int64
    var kind: InboundKind
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

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let deliveryID = Column(CodingKeys.deliveryID)
        static let rawSHA256 = Column(CodingKeys.rawSHA256)
        static let kind = Column(CodingKeys.kind)
        static let receivedAt = Column(CodingKeys.receivedAt)
        static let folder = Column(CodingKeys.folder)
        static let uidValidity = Column(CodingKeys.uidValidity)
        static let uid = Column(CodingKeys.uid)
        static let leftInFolder = Column(CodingKeys.leftInFolder)
    }
}

/// How far the inbox has read one mailbox folder.
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
