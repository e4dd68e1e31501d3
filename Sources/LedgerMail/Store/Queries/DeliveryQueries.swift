import Foundation

/// The named queries on the send queue: claiming, settling and retrying deliveries.
protocol DeliveryQueries {
    func insert(_ delivery: inout DeliveryRecord) throws
    /// Removes a document's held delivery (a person or a new setting decided); how many there were.
    func deleteHeldDelivery(of documentID: Int64) throws -> Int
}
