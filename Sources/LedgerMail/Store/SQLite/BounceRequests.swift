import Foundation
import GRDB

extension DeliveryRecord {
    /// The delivery whose mail carried this Message-ID.
    static func id(messageID: String, _ db: Database) throws -> Int64? {
        try DeliveryRecord.filter(Column("messageID") == messageID).select(Column("id"), as: Int64.self).fetchOne(db)
    }
}

extension RecipientRecord {
    /// Marks the recipients of a delivery that a trusted bounce names as bounced. Returns the
    /// addresses changed (as the delivery has them) and whether any recipient is still delivered.
    static func markBounced(_ failed: [String], deliveryID: Int64, _ db: Database) throws -> (changed: [String], stillDelivered: Bool) {
        let wanted = Set(failed.map { $0.lowercased() })
        var changed: [String] = []
        for var row in try RecipientRecord.filter(Column("deliveryID") == deliveryID).fetchAll(db)
        where wanted.contains(row.address.lowercased()) && row.state != DeliveryState.bounced {
            row.state = DeliveryState.bounced
            try row.update(db)
            changed.append(row.address)
        }
        let delivered = try RecipientRecord.filter(Column("deliveryID") == deliveryID && Column("state") == DeliveryState.sent.rawValue)
            .fetchCount(db)
        return (changed, delivered > 0)
    }

    /// Whether any of these addresses is one of the delivery's recipients.
    static func includesAny(_ addresses: [String], deliveryID: Int64, _ db: Database) throws -> Bool {
        let wanted = Set(addresses.map { $0.lowercased() })
        return try RecipientRecord.filter(Column("deliveryID") == deliveryID).fetchAll(db)
            .contains { wanted.contains($0.address.lowercased()) }
    }
}
