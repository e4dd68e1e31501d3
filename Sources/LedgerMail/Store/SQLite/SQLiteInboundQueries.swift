import Foundation
import GRDB

extension SQLiteTransaction: InboundQueries {
    func mailboxCursor(_ mailbox: String) throws -> MailboxCursorRecord? { try MailboxCursorRecord.fetchOne(db, key: mailbox) }
    func save(_ cursor: MailboxCursorRecord) throws { try cursor.save(db) }

    func uidsLeftInFolder(_ folder: String, uidValidity: Int64) throws -> Set<Int64> {
        try Int64.fetchSet(db, InboundRecord.leftForAPerson(in: folder, uidValidity: uidValidity).select(InboundRecord.Columns.uid))
    }

    /// SQLite runs one write transaction at a time: the check and the insert after it cannot interleave.
    func claimFirstInbound(rawSHA256: String) throws -> InboundRecord? {
        try InboundRecord.filter(InboundRecord.Columns.rawSHA256 == rawSHA256).order(InboundRecord.Columns.id).fetchOne(db)
    }

    func insert(_ inbound: inout InboundRecord) throws { try inbound.insert(db, onConflict: .ignore) }

    func deliveryID(messageID: String) throws -> Int64? { try DeliveryRecord.id(messageID: messageID, db) }

    func answeredDelivery(id: Int64) throws -> AnsweredDelivery? {
        guard let delivery = try DeliveryRecord.fetchOne(db, key: id) else { return nil }
        let dossier = try DocumentRecord.filter(key: delivery.documentID).select(DocumentRecord.Columns.dossier, as: String.self).fetchOne(db)
        return AnsweredDelivery(delivery: delivery, dossier: dossier)
    }

    func sentAddresses(ofDelivery id: Int64) throws -> [String] { try RecipientRecord.addresses(ofDelivery: id, db) }

    func markRecipientsBounced(_ addresses: [String], deliveryID: Int64) throws -> (changed: [String], stillDelivered: Bool) {
        try RecipientRecord.markBounced(addresses, deliveryID: deliveryID, db)
    }

    func markBounced(deliveryID: Int64, _ bounce: BounceFacts, at now: Date) throws {
        typealias C = DeliveryRecord.Columns
        try DeliveryRecord.filter(key: deliveryID).filter(C.state != DeliveryState.bounced).updateAll(
            db, C.state.set(to: DeliveryState.bounced), C.bounceRecipient.set(to: bounce.recipient),
            C.bounceStatus.set(to: bounce.status), C.bounceReason.set(to: bounce.reason),
            C.bounceDiagnostic.set(to: bounce.diagnostic), C.updatedAt.set(to: now))
    }

    func markChallenged(deliveryID: Int64, at now: Date) throws -> Bool {
        try DeliveryRecord.move(deliveryID, from: .sent, to: .challenged, at: now, db)
    }

    func markChallengeAnswered(deliveryID: Int64, at now: Date) throws {
        _ = try DeliveryRecord.move(deliveryID, from: .challenged, to: .sent, at: now, db)
    }

    func inboxEntries(dossier name: String) throws -> [InboxEntry] { try InboundRecord.entries(dossier: name, db) }
    func unmatchedInboxEntries() throws -> [InboxEntry] { try InboundRecord.entries(dossier: nil, db) }
}
