import GRDB

extension SQLiteTransaction: StatusQueries {
    func documentPage(_ filter: DocumentFilter, after position: DocumentPosition?, limit: Int) throws -> [DocumentWithState] {
        try DocumentRecord.page(filter, after: position, limit: limit, db)
    }

    func deliveries(ofDocuments ids: [Int64]) throws -> [Int64: [DeliveryRecord]] {
        try grouped(ids) { chunk in
            try DeliveryRecord.filter(chunk.contains(DeliveryRecord.Columns.documentID)).order(DeliveryRecord.Columns.id).fetchAll(db)
        } by: { $0.documentID }
    }

    func recipients(ofDeliveries ids: [Int64]) throws -> [Int64: [RecipientRecord]] {
        try grouped(ids) { chunk in
            try RecipientRecord.filter(chunk.contains(RecipientRecord.Columns.deliveryID)).order(Column.rowID).fetchAll(db)
        } by: { $0.deliveryID }
    }

    func inbound(ofDeliveries ids: [Int64]) throws -> [Int64: [InboundRecord]] {
        try grouped(ids) { chunk in
            try InboundRecord.filter(chunk.contains(InboundRecord.Columns.deliveryID)).order(InboundRecord.Columns.id).fetchAll(db)
        } by: { $0.deliveryID ?? 0 }
    }

    func documentCounts(_ filter: DocumentFilter) throws -> [DocumentCount] { try DocumentRecord.counts(filter, db) }

    /// Runs `fetch` on the ids 500 at a time (SQLite bounds the arguments of one statement) and
    /// groups what it returns.
    private func grouped<Row>(_ ids: [Int64], fetch: ([Int64]) throws -> [Row], by key: (Row) -> Int64) throws -> [Int64: [Row]] {
        var result: [Int64: [Row]] = [:]
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(start + 500, ids.count)])
            for row in try fetch(chunk) { result[key(row), default: []].append(row) }
            start += 500
        }
        return result
    }
}
