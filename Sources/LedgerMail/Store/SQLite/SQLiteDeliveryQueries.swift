import Foundation
import GRDB

extension SQLiteTransaction: DeliveryQueries {
    func insert(_ delivery: inout DeliveryRecord) throws { try delivery.insert(db) }
    func deleteHeldDelivery(of documentID: Int64) throws -> Int { try DeliveryRecord.deleteHeld(of: documentID, db) }
}
