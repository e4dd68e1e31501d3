import Foundation
import GRDB

// The requests behind `InboundQueries`: deliveries as inbound mail finds and changes them.

extension DeliveryRecord {
    /// The delivery whose mail carried this Message-ID.
    static func id(messageID: String, _ db: Database) throws -> Int64? {
        try DeliveryRecord.filter(Columns.messageID == messageID).select(Columns.id, as: Int64.self).fetchOne(db)
    }

    /// Moves a delivery from one state to another; false when it was not in `from` (a later,
    /// worse piece of news is never overwritten).
    static func move(_ id: Int64, from: DeliveryState, to: DeliveryState, at now: Date, _ db: Database) throws -> Bool {
        try DeliveryRecord.filter(key: id).filter(Columns.state == from)
            .updateAll(db, Columns.state.set(to: to), Columns.updatedAt.set(to: now)) > 0
    }
}

extension RecipientRecord {
    /// The addresses a delivery was sent to (RCPT TO), as recorded by the send.
    static func addresses(ofDelivery id: Int64, _ db: Database) throws -> [String] {
        try String.fetchAll(db, RecipientRecord.filter(Columns.deliveryID == id).select(Columns.address))
    }

    /// Marks the recipients of a delivery that a trusted bounce names as bounced. Returns the
    /// addresses changed (as the delivery has them) and whether any recipient is still delivered.
    static func markBounced(_ failed: [String], deliveryID: Int64, _ db: Database) throws -> (changed: [String], stillDelivered: Bool) {
        let wanted = Set(failed.map { $0.lowercased() })
        var changed: [String] = []
        for var row in try RecipientRecord.filter(Columns.deliveryID == deliveryID).fetchAll(db)
        where wanted.contains(row.address.lowercased()) && row.state != DeliveryState.bounced {
            row.state = DeliveryState.bounced
            try row.update(db)
            changed.append(row.address)
        }
        let delivered = try RecipientRecord.filter(Columns.deliveryID == deliveryID && Columns.state == DeliveryState.sent).fetchCount(db)
        return (changed, delivered > 0)
    }
}

extension InboundRecord {
    /// A folder's mail recorded and left there for a person.
    static func leftForAPerson(in folder: String, uidValidity: Int64) -> QueryInterfaceRequest<InboundRecord> {
        filter(Columns.folder == folder && Columns.uidValidity == uidValidity && Columns.leftInFolder)
    }

    /// `ledgermail inbox`: a dossier's mail (joined to the document it concerns), or with nil the
    /// mail that matched no delivery; newest first.
    static func entries(dossier: String?, _ db: Database) throws -> [InboxEntry] {
        let sql = dossier == nil
            ? "SELECT inbound.*, NULL AS documentID, NULL AS number FROM inbound WHERE deliveryID IS NULL ORDER BY inbound.id DESC"
            : """
              SELECT inbound.*, document.id AS documentID, document.number AS number FROM inbound
              JOIN delivery ON delivery.id = inbound.deliveryID JOIN document ON document.id = delivery.documentID
              WHERE document.dossier = ? ORDER BY inbound.id DESC
              """
        return try Row.fetchAll(db, sql: sql, arguments: dossier.map { [$0] } ?? []).map { row in
            InboxEntry(try InboundRecord(row: row), documentID: row["documentID"], number: row["number"])
        }
    }
}
