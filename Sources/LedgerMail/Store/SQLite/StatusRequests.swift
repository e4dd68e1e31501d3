import GRDB

// What `status` shows of many documents at once: a few set queries, never one per document.

extension DeliveryRecord {
    /// The deliveries of these documents, oldest first, by document.
    static func byDocument(_ ids: [Int64], _ db: Database) throws -> [Int64: [DeliveryRecord]] {
        try grouped(ids, db) { chunk in
            try DeliveryRecord.filter(chunk.contains(Column("documentID"))).order(Column("id")).fetchAll(db)
        } by: { $0.documentID }
    }
}

extension RecipientRecord {
    /// The recipients of these deliveries, in the order they were recorded, by delivery.
    static func byDelivery(_ ids: [Int64], _ db: Database) throws -> [Int64: [RecipientRecord]] {
        try grouped(ids, db) { chunk in
            try RecipientRecord.filter(chunk.contains(Column("deliveryID"))).order(Column("id")).fetchAll(db)
        } by: { $0.deliveryID }
    }
}

extension InboundRecord {
    /// The inbound mail linked to these deliveries, oldest first, by delivery.
    static func byDelivery(_ ids: [Int64], _ db: Database) throws -> [Int64: [InboundRecord]] {
        try grouped(ids, db) { chunk in
            try InboundRecord.filter(chunk.contains(Column("deliveryID"))).order(Column("id")).fetchAll(db)
        } by: { $0.deliveryID ?? 0 }
    }
}

/// Runs `fetch` on the ids 500 at a time (SQLite bounds the arguments of one statement) and
/// groups what it returns.
private func grouped<Row>(_ ids: [Int64], _ db: Database, fetch: ([Int64]) throws -> [Row],
                          by key: (Row) -> Int64) throws -> [Int64: [Row]] {
    var result: [Int64: [Row]] = [:]
    var start = 0
    while start < ids.count {
        let chunk = Array(ids[start..<min(start + 500, ids.count)])
        for row in try fetch(chunk) { result[key(row), default: []].append(row) }
        start += 500
    }
    return result
}
