import Foundation
import PostgresNIO

extension PostgresTransaction: FeedQueries {
    func insert(_ token: APITokenRecord) throws -> Int64 { try insertReturningID(token, into: "apiToken") }
    func update(_ token: APITokenRecord) throws { try update(token, in: "apiToken") }
    func apiTokens() throws -> [APITokenRecord] { try fetchAll(APITokenRecord.self, #"SELECT * FROM "apiToken" ORDER BY "id""#) }

    func apiToken(id: Int64) throws -> APITokenRecord? {
        try fetchOne(APITokenRecord.self, #"SELECT * FROM "apiToken" WHERE "id" = $1"#, try .of(id))
    }

    func feedCaller(tokenHash: String) throws -> FeedCaller? {
        guard let token = try fetchOne(APITokenRecord.self, #"SELECT * FROM "apiToken" WHERE "tokenHash" = $1 AND "revokedAt" IS NULL"#,
                                       try .of(tokenHash)) else { return nil }
        let linked = try linkedDossiers(account: token.account)
        let narrowed = token.dossiers.split(separator: ",").map(String.init)
        return FeedCaller(account: token.account, dossiers: narrowed.isEmpty ? linked : linked.filter(narrowed.contains))
    }

    func feed(dossier: String, after cursor: Int64, limit: Int) throws -> [FeedRow] {
        let deliveries = try fetchAll(DeliveryRecord.self, """
            SELECT d.* FROM "delivery" d JOIN "document" doc ON doc."id" = d."documentID"
            WHERE doc."dossier" = $1 AND d."id" > $2 AND d."state" IN ('published', 'collected')
            ORDER BY d."id" LIMIT $3
            """, try .of(dossier, cursor, Int64(max(0, limit))))
        let ids = Array(Set(deliveries.map(\.documentID)))
        let documents = try fetchAll(DocumentRecord.self, #"SELECT * FROM "document" WHERE "id" = ANY($1)"#, try .of(ids))
        let byID = Dictionary(uniqueKeysWithValues: documents.map { ($0.id!, $0) })
        struct Replaced: Decodable { let id: Int64; let supersededBy: Int64 }
        let replaced = try fetchAll(Replaced.self, #"SELECT "id", "supersededBy" FROM "document" WHERE "supersededBy" = ANY($1)"#, try .of(ids))
        let replacedBy = Dictionary(replaced.map { ($0.supersededBy, $0.id) }) { first, _ in first }
        return deliveries.compactMap { delivery in
            byID[delivery.documentID].map { FeedRow(delivery: delivery, document: $0, supersedes: replacedBy[$0.id!]) }
        }
    }

    func documentInFeed(id: Int64, dossier: String) throws -> DocumentRecord? {
        try fetchOne(DocumentRecord.self, """
            SELECT * FROM "document" doc WHERE doc."id" = $1 AND doc."dossier" = $2
            AND EXISTS (SELECT 1 FROM "delivery" d WHERE d."documentID" = doc."id" AND d."state" IN ('published', 'collected'))
            """, try .of(id, dossier))
    }

    func latestDelivery(ofDocument id: Int64) throws -> DeliveryRecord? {
        try fetchOne(DeliveryRecord.self, #"SELECT * FROM "delivery" WHERE "documentID" = $1 ORDER BY "id" DESC LIMIT 1"#, try .of(id))
    }

    func collect(deliveryID: Int64, at date: Date, by account: String) throws -> Date {
        try fetchValue(Date.self, """
            UPDATE "delivery" SET "state" = 'collected', "collectedAt" = $2, "collectedBy" = $3, "updatedAt" = $2
            WHERE "id" = $1 RETURNING "collectedAt"
            """, try .of(deliveryID, date, account)) ?? date
    }
}
