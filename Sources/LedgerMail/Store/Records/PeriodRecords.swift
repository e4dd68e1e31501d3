import Foundation
import GRDB

/// A quarter-end notification sent to a dossier's accountant.
struct NotificationRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "notification"
    var id: Int64?
    var dossier: String
    /// As the owner named it (`2026-Q3`, `until 2026-09-30`).
    var period: String
    var recipient: String
    var messageID: String
    var sentAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// One mail of a `mail-out` sent, with the documents it carried: a resumed run skips only
/// parts that went out with the documents they would carry now.
struct SelfMailPartRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "selfMailPart"
    var id: Int64?
    var dossier: String
    var period: String
    var recipient: String
    /// 1-based, of `parts`.
    var part: Int
    var parts: Int
    /// The document ids, comma separated in the order sent (`12,13,17`).
    var documentIDs: String
    var sentAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let dossier = Column(CodingKeys.dossier)
        static let period = Column(CodingKeys.period)
        static let recipient = Column(CodingKeys.recipient)
    }
}
