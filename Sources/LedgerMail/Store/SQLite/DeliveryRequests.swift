import Foundation
import GRDB

// Queries on deliveries and their recipients that the inbox and the digest share.

extension RecipientRecord {
    /// The addresses a delivery was sent to (RCPT TO), as recorded by the send.
    static func addresses(ofDelivery id: Int64, _ db: Database) throws -> [String] {
        try String.fetchAll(db, RecipientRecord.filter(Column("deliveryID") == id).select(Column("address")))
    }
}

extension Gateway {
    /// A challenge for a mail the server took: the delivery waits for someone to answer it.
    /// Returns whether the state changed (a bounced or failed delivery keeps its worse news).
    static func challenge(_ delivery: inout DeliveryRecord, at now: Date, _ db: Database) throws -> Bool {
        guard delivery.state == .sent else { return false }
        delivery.state = .challenged
        delivery.updatedAt = now
        try delivery.update(db)
        return true
    }

    /// A reply or a success report for a challenged delivery: the challenge was answered.
    static func answerChallenge(deliveryID: Int64, at now: Date, _ db: Database) throws {
        try DeliveryRecord.filter(Column("id") == deliveryID && Column("state") == DeliveryState.challenged)
            .updateAll(db, Column("state").set(to: DeliveryState.sent), Column("updatedAt").set(to: now))
    }
}
