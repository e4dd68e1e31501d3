import Foundation
import GRDB

/// What one pass over the inbox did.
public struct InboxReport: Sendable, Equatable {
    public var read = 0
    public var bounces = 0
    /// Deliveries now held by a challenge-response system (`challenged`).
    public var challenges = 0
    public var unmatched = 0
    /// Messages seen before (same bytes): recorded once, never applied twice.
    public var duplicates = 0
    /// Messages with no readable header, too large, or refused by the server pass after pass:
    /// recorded and left in the folder for a person.
    public var unreadable = 0
    /// A message the server would not hand over this time: the pass stopped before it.
    public var postponed = 0
}

extension Gateway {
    /// Reads the new mail of the gateway's mailbox over IMAP, records each message (raw bytes
    /// kept), applies what it says to the deliveries it answers, and moves it to the processed
    /// folder. The last UID and UIDVALIDITY are kept, so nothing is read twice or missed.
    public func readInbox() async throws -> InboxReport {
        let server = try settings.requireIMAP()
        let client = IMAPClient(server: server)
        // One reader at a time (the service and a `run --once` may overlap).
        let lock = try await DirectoryLock.acquire("inbox", in: settings.dataDirectory)
        defer { withExtendedLifetime(lock) {} }
        return try await client.withSession { [self] session, server in
            let uidValidity = try session.select(server.folder)
            let cursor = try database.read { db in try MailboxCursorRecord.fetchOne(db, key: server.cursorKey) }
            // A new UIDVALIDITY means the folder's UIDs were renumbered: start over from its beginning.
            let lastUID = cursor?.uidValidity == Int64(uidValidity) ? UInt32(cursor?.lastUID ?? 0) : 0
            session.ensureFolder(server.processedFolder)
            // Mail already recorded but still here (the move failed, or the process died between
            // recording and moving) is moved now, not read again.
            let leftForAPerson = try database.read { db in
                try Int64.fetchSet(db, sql: "SELECT uid FROM inbound WHERE folder = ? AND uidValidity = ? AND leftInFolder",
                                   arguments: [server.folder, Int64(uidValidity)])
            }
            for uid in try session.uids(after: 0) where uid <= lastUID && !leftForAPerson.contains(Int64(uid)) {
                try? session.move(uid: uid, to: server.processedFolder)
            }
            var report = InboxReport()
            for uid in try session.uids(after: lastUID) {
                // Too large to take in, or refused by the server pass after pass: recorded, left
                // for a person, and the inbox goes on (the cursor passes it).
                var leave: String?
                var raw = Data()
                do {
                    let size = try session.messageSize(uid: uid)
                    if size > settings.limits.inboundBytes {
                        leave = "too large (\(ByteSize(bytes: size)), over limits.inbound_bytes)"
                    } else {
                        raw = try session.message(uid: uid)
                    }
                } catch let error as IMAPError where error.isMessageRefusal {
                    // Often temporary ("NO Some messages could not be FETCHed"): this pass stops
                    // before it, and only after a few refused passes is it left for a person.
                    let refusals = try noteRefusal(uid: uid, uidValidity: uidValidity, cursorKey: server.cursorKey)
                    guard refusals >= Self.refusalsBeforeLeaving else {
                        logger.warning("message \(uid): \(error); tried again on the next pass")
                        report.postponed += 1
                        break
                    }
                    leave = "\(error.description), \(refusals) passes in a row"
                }
                if let leave {
                    try recordLeftInFolder(folder: server.folder, uidValidity: uidValidity, uid: uid, cursorKey: server.cursorKey,
                                           why: leave)
                    report.read += 1
                    report.unreadable += 1
                    continue
                }
                let effect = try recordInbound(raw, folder: server.folder, uidValidity: uidValidity, uid: uid,
                                               cursorKey: server.cursorKey)
                report.read += 1
                if effect.changedDelivery { report.bounces += 1 }
                if effect.challenged { report.challenges += 1 }
                if let event = effect.event {
                    logger.event(event.name, level: event.name == "bounce" ? .warning : .info, event.message, event.fields)
                }
                if effect.unmatched { report.unmatched += 1 }
                if effect.duplicate { report.duplicates += 1 }
                if effect.unreadable {
                    report.unreadable += 1
                    continue
                }
                do {
                    try session.move(uid: uid, to: server.processedFolder)
                } catch {
                    // The cursor already says it was read; leaving it in place loses nothing.
                    logger.warning("could not move message \(uid) to \(server.processedFolder): \(error)")
                }
            }
            return report
        }
    }

    struct InboundEffect {
        var changedDelivery = false
        var challenged = false
        var unmatched = false
        var duplicate = false
        var unreadable = false
        /// What the service log says about it: a bounce applied, or a reply tied to a delivery.
        var event: InboundEvent?
    }

    /// The log line for a bounce applied to a delivery, or a reply tied to one.
    static func event(_ classification: InboundClassification, delivery: DeliveryRecord, bounced: Bool,
                      _ db: Database) throws -> InboundEvent {
        let dossier = try DocumentRecord.fetchOne(db, key: delivery.documentID)?.dossier
        let id = delivery.id ?? 0
        guard bounced else {
            return InboundEvent(name: "reply", message: "reply from \((classification.from ?? "?").singleLine) about delivery \(id)",
                                fields: ["dossier": dossier, "document": "\(delivery.documentID)", "route": delivery.routeKind?.rawValue])
        }
        return InboundEvent(
            name: "bounce", message: "bounce applied to delivery \(id): \(delivery.bounceRecipient ?? "?") \(delivery.bounceStatus ?? "")",
            fields: ["dossier": dossier, "document": "\(delivery.documentID)", "route": delivery.routeKind?.rawValue,
                     "recipients": delivery.bounceRecipient, "reply": delivery.bounceDiagnostic ?? delivery.bounceReason])
    }

    struct InboundEvent {
        var name: String
        var message: String
        var fields: KeyValuePairs<String, String?>
    }

    /// Classifies one message and records it with its effect, in one transaction with the cursor.
    func recordInbound(_ raw: Data, folder: String, uidValidity: UInt32, uid: UInt32, cursorKey: String) throws -> InboundEffect {
        let rawHash = try blobs.put(raw)
        let classification = InboundClassifier.classify(raw, own: ownAddresses)
        let parsed = MailMessage(raw)
        let unreadable = parsed.headers.isEmpty
        return try database.write { db in
            var effect = InboundEffect()
            // The same bytes again (a folder rebuilt with a new UIDVALIDITY, a copy): recorded once.
            if let first = try InboundRecord.filter(Column("rawSHA256") == rawHash).fetchOne(db) {
                if unreadable {
                    // Left for a person the first time: so again, and this UID must be known as
                    // such, or the next pass would move it away with the processed mail.
                    var again = first
                    again.id = nil
                    again.folder = folder
                    again.uidValidity = Int64(uidValidity)
                    again.uid = Int64(uid)
                    again.receivedAt = clock()
                    try again.insert(db, onConflict: .ignore)
                }
                try MailboxCursorRecord(mailbox: cursorKey, uidValidity: Int64(uidValidity), lastUID: Int64(uid)).save(db)
                effect.duplicate = true
                effect.unreadable = unreadable
                return effect
            }
            let correlation = try correlate(parsed, classification, db)
            let deliveryID = correlation.deliveryID
            effect.changedDelivery = correlation.changedDelivery
            effect.challenged = correlation.challenged
            effect.unmatched = deliveryID == nil
            effect.unreadable = unreadable
            if correlation.changedDelivery || classification.kind == .reply, let id = deliveryID,
               let delivery = try DeliveryRecord.fetchOne(db, key: id) {
                effect.event = try Self.event(classification, delivery: delivery, bounced: correlation.changedDelivery, db)
            }
            var record = InboundRecord(
                id: nil, receivedAt: clock(), folder: folder, uidValidity: Int64(uidValidity), uid: Int64(uid),
                kind: classification.kind, fromAddress: classification.from, subject: classification.subject,
                summary: unreadable ? "unreadable (no mail headers): left in \(folder) for a person" : Self.summary(classification),
                messageID: parsed.header("Message-ID"),
                deliveryID: deliveryID, verpValid: correlation.trust.isVerified, trust: correlation.trust, rawSHA256: rawHash, leftInFolder: unreadable)
            try record.insert(db, onConflict: .ignore)
            try MailboxCursorRecord(mailbox: cursorKey, uidValidity: Int64(uidValidity), lastUID: Int64(uid)).save(db)
            return effect
        }
    }

    static func summary(_ classification: InboundClassification) -> String {
        switch classification.kind {
        case .bounce, .delay:
            return classification.recipients.map { recipient in
                [recipient.address, recipient.status ?? "", recipient.reason].filter { !$0.isEmpty }.joined(separator: " ")
            }.joined(separator: "; ")
        case .challenge where !classification.recipients.isEmpty:
            return "held for a challenge-response answer: " + classification.recipients.map(\.address).joined(separator: ", ")
        default:
            return (classification.subject ?? "").singleLine
        }
    }
}
