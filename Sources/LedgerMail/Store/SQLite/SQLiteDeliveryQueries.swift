import Foundation
import GRDB

extension SQLiteTransaction: DeliveryQueries {
    func insert(_ delivery: inout DeliveryRecord) throws { try delivery.insert(db) }
    func delivery(id: Int64) throws -> DeliveryRecord? { try DeliveryRecord.fetchOne(db, key: id) }
    func deleteHeldDelivery(of documentID: Int64) throws -> Int { try DeliveryRecord.deleteHeld(of: documentID, db) }

    func deleteDeliveries(of documentID: Int64) throws {
        _ = try DeliveryRecord.filter(DeliveryRecord.Columns.documentID == documentID).deleteAll(db)
    }

    func anythingSent(documentID: Int64) throws -> Bool {
        try DeliveryRecord.mayHaveArrived.filter(DeliveryRecord.Columns.documentID == documentID).isEmpty(db) == false
    }

    func anyVersionSent(dossier: String, supplierKey: String, root: DocumentRoot?, number: String) throws -> Bool {
        let versions = DocumentRecord.versions(dossier: dossier, supplierKey: supplierKey, root: root, number: number)
        return try DeliveryRecord.mayHaveArrived
            .filter(versions.select(DocumentRecord.Columns.id).contains(DeliveryRecord.Columns.documentID))
            .isEmpty(db) == false
    }

    func claimable(dossier: String?, selection: SendSelection, now: Date) throws -> [Int64] {
        try Int64.fetchAll(db, DeliveryRecord.claimable(dossier: dossier, selection: selection, now: now))
    }

    func claimableDelivery(id: Int64, now: Date) throws -> DeliveryRecord? {
        try DeliveryRecord.filter(key: id).filter(DeliveryRecord.claimable(now: now)).fetchOne(db)
    }

    func claim(_ delivery: DeliveryRecord, by worker: String, leaseUntil: Date, now: Date) throws -> Bool {
        typealias C = DeliveryRecord.Columns
        // The write transaction is the only writer: the condition and the update are one step.
        let claimed = try DeliveryRecord.filter(key: delivery.id).filter(DeliveryRecord.claimable(now: now))
            .filter(C.attempts == delivery.attempts)
            .updateAll(db, C.state.set(to: DeliveryState.sending), C.messageID.set(to: delivery.messageID),
                       C.attempts.set(to: delivery.attempts + 1), C.firstAttemptAt.set(to: delivery.firstAttemptAt ?? now),
                       C.updatedAt.set(to: now), C.claimedBy.set(to: worker), C.leaseUntil.set(to: leaseUntil))
        return claimed == 1
    }

    func settle(_ delivery: DeliveryRecord, by worker: String, recipients: [RecipientRecord]?,
                followUp: DeliveryRecord?) throws -> Bool {
        guard let id = delivery.id,
              try DeliveryRecord.filter(key: id).filter(DeliveryRecord.held(by: worker)).isEmpty(db) == false else { return false }
        var settled = delivery
        settled.claimedBy = nil
        settled.leaseUntil = nil
        try settled.update(db)
        if let recipients {
            try RecipientRecord.filter(RecipientRecord.Columns.deliveryID == id).deleteAll(db)
            for var row in recipients { try row.insert(db) }
        }
        if var followUp { try followUp.insert(db) }
        return true
    }

    func claimHolders() throws -> Set<String> {
        try String.fetchSet(db, DeliveryRecord.filter(DeliveryRecord.Columns.state == DeliveryState.sending)
            .select(DeliveryRecord.Columns.claimedBy).filter(DeliveryRecord.Columns.claimedBy != nil).distinct())
    }

    func expireClaims(of worker: String, now: Date) throws -> Int {
        try DeliveryRecord.filter(DeliveryRecord.held(by: worker)).updateAll(db, DeliveryRecord.Columns.leaseUntil.set(to: now))
    }
}
