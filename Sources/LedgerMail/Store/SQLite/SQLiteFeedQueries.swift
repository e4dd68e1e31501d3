import Foundation
import GRDB

extension SQLiteTransaction: FeedQueries {
    func insert(_ token: APITokenRecord) throws -> Int64 {
        var record = token
        try record.insert(db)
        return record.id!
    }

    func update(_ token: APITokenRecord) throws { try token.update(db) }
    func apiTokens() throws -> [APITokenRecord] { try APITokenRecord.order(APITokenRecord.Columns.id).fetchAll(db) }
    func apiToken(id: Int64) throws -> APITokenRecord? { try APITokenRecord.fetchOne(db, key: id) }
    func feedCaller(tokenHash: String) throws -> FeedCaller? { try APITokenRecord.caller(hash: tokenHash, db) }

    func feed(dossier: String, after cursor: Int64, limit: Int) throws -> [FeedRow] {
        let published = try DeliveryRecord.feed(dossier: dossier, after: cursor, limit: limit, db)
        let ids = published.map { $0.1.id! }
        let replaced = try DocumentRecord.filter(ids.contains(DocumentRecord.Columns.supersededBy)).fetchAll(db)
        let replacedBy = Dictionary(replaced.map { ($0.supersededBy!, $0.id!) }) { first, _ in first }
        return published.map { FeedRow(delivery: $0, document: $1, supersedes: replacedBy[$1.id!]) }
    }

    func documentInFeed(id: Int64, dossier: String) throws -> DocumentRecord? { try DocumentRecord.inFeed(id: id, dossier: dossier, db) }

    func latestDelivery(ofDocument id: Int64) throws -> DeliveryRecord? { try DeliveryRecord.latest(of: id).fetchOne(db) }

    func collect(deliveryID: Int64, at date: Date, by account: String) throws -> Date {
        guard var delivery = try DeliveryRecord.fetchOne(db, key: deliveryID) else { return date }
        delivery.state = .collected
        delivery.collectedAt = date
        delivery.collectedBy = account
        delivery.updatedAt = date
        try delivery.update(db)
        return try DeliveryRecord.fetchOne(db, key: deliveryID)?.collectedAt ?? date
    }
}
