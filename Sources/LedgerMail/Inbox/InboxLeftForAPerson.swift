import Foundation

/// Mail the reader does not take in (too large, refused by the server pass after pass): it is
/// recorded with the reason and stays in the folder, and the reader goes on past it.
extension InboundRecording {
    /// Counts one more refused pass for the message (the cursor stays before it) and returns how many in a row.
    func noteRefusal(_ place: MailboxPlace) throws -> Int {
        try services.store.write { tx in
            let stored = try tx.mailboxCursor(place.folder.cursorKey)
            var cursor = stored.flatMap { $0.uidValidity == place.folder.uidValidity ? $0 : nil }
                ?? MailboxCursorRecord(mailbox: place.folder.cursorKey, uidValidity: place.folder.uidValidity, lastUID: 0)
            cursor.refusals = cursor.refusedUID == place.uid ? cursor.refusals + 1 : 1
            cursor.refusedUID = place.uid
            try tx.save(cursor)
            return cursor.refusals
        }
    }

    /// A message not taken in: a record saying why, the cursor past it, the mail left where it is.
    func recordLeftInFolder(_ place: MailboxPlace, why: String) throws -> InboundEffect {
        let folder = place.folder.name
        services.logger.warning("message \(place.uid) in \(folder) is left for a person: \(why)")
        try services.store.write { tx in
            var record = InboundRecord(
                id: nil, receivedAt: services.clock(), folder: folder, uidValidity: place.folder.uidValidity, uid: place.uid,
                kind: .other, fromAddress: nil, subject: nil,
                summary: "not read (\(why.singleLine)): left in \(folder) for a person", messageID: nil,
                deliveryID: nil, verpValid: false, rawSHA256: "", leftInFolder: true)
            try tx.insert(&record)
            try tx.save(place.cursorPast)
        }
        return InboundEffect(unreadable: true)
    }
}
