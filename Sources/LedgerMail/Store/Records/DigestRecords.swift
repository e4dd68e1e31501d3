import Foundation
import GRDB

/// What a digest can report: a delivery's trouble, a held document, or the accountant's reply.
enum DigestEventKind: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    case bounced, failed
    /// Failed after retry.give_up_after of temporary failures.
    case gaveUp = "gave-up"
    case challenged, held, reply

    /// Replies ride along with trouble; they alone do not make a digest.
    var isTrouble: Bool { self != .reply }
}

/// One digest sent to a dossier's owner.
struct DigestRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "digest"
    var id: Int64?
    var dossier: String
    var recipient: String
    var messageID: String
    var sentAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let dossier = Column(CodingKeys.dossier)
        static let sentAt = Column(CodingKeys.sentAt)
    }
}

/// One event a digest reported (subject: the delivery, the held document or the inbound reply):
/// each once, whichever digest it went in.
struct DigestEventRecord: Codable, FetchableRecord, PersistableRecord, Sendable, Hashable {
    static let databaseTableName = "digestEvent"
    var digestID: Int64
    var kind: DigestEventKind
    var subjectID: Int64

    enum Columns {
        static let digestID = Column(CodingKeys.digestID)
    }
}
