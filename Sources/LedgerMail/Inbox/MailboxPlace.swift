/// The folder a pass reads, as the store knows it: its name, its UIDVALIDITY (a new one means
/// the UIDs were renumbered) and the key of its cursor (another account or folder starts anew).
struct MailboxFolder: Sendable {
    var name: String
    var uidValidity: Int64
    var cursorKey: String

    init(server: IMAPServer, uidValidity: UInt32) {
        self.init(name: server.folder, uidValidity: Int64(uidValidity), cursorKey: server.cursorKey)
    }

    init(name: String, uidValidity: Int64, cursorKey: String) {
        self.name = name
        self.uidValidity = uidValidity
        self.cursorKey = cursorKey
    }

    func at(_ uid: UInt32) -> MailboxPlace { MailboxPlace(folder: self, uid: Int64(uid)) }
}

/// Where one message sits: its folder and its UID there.
struct MailboxPlace: Sendable {
    var folder: MailboxFolder
    var uid: Int64

    /// The cursor once this message is recorded: the next pass starts after it.
    var cursorPast: MailboxCursorRecord {
        MailboxCursorRecord(mailbox: folder.cursorKey, uidValidity: folder.uidValidity, lastUID: uid)
    }
}
