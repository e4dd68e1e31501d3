import Foundation
import GRDB

/// Mail the reader does not take in (too large, refused by the server pass after pass): it is
/// recorded with the reason and stays in the folder, and the reader goes on past it.
extension Gateway {
    /// Passes in a row a server may refuse one message before it is left for a person.
    static let refusalsBeforeLeaving = 3

    /// Counts one more refused pass for `uid` (the cursor stays before it) and returns how many in a row.
    func noteRefusal(uid: UInt32, uidValidity: UInt32, cursorKey: String) throws -> Int {
        try database.write { db in
            let stored = try MailboxCursorRecord.fetchOne(db, key: cursorKey)
            var cursor = stored.flatMap { $0.uidValidity == Int64(uidValidity) ? $0 : nil }
                ?? MailboxCursorRecord(mailbox: cursorKey, uidValidity: Int64(uidValidity), lastUID: 0)
            cursor.refusals = cursor.refusedUID == Int64(uid) ? cursor.refusals + 1 : 1
            cursor.refusedUID = Int64(uid)
            try cursor.save(db)
            return cursor.refusals
        }
    }

    /// A message not taken in: a record saying why, the cursor past it, the mail left where it is.
    func recordLeftInFolder(folder: String, uidValidity: UInt32, uid: UInt32, cursorKey: String, why: String) throws {
        logger.warning("message \(uid) in \(folder) is left for a person: \(why)")
        try database.write { db in
            var record = InboundRecord(
                id: nil, receivedAt: clock(), folder: folder, uidValidity: Int64(uidValidity), uid: Int64(uid),
                kind: .other, fromAddress: nil, subject: nil,
                summary: "not read (\(why.singleLine)): left in \(folder) for a person", messageID: nil,
                deliveryID: nil, verpValid: false, rawSHA256: "", leftInFolder: true)
            try record.insert(db, onConflict: .ignore)
            try MailboxCursorRecord(mailbox: cursorKey, uidValidity: Int64(uidValidity), lastUID: Int64(uid)).save(db)
        }
    }
}
