import Foundation

/// The named queries on the documents feed: tokens, published items, acknowledgements.
protocol FeedQueries {
    /// Records a token; its id.
    func insert(_ token: APITokenRecord) throws -> Int64
    func update(_ token: APITokenRecord) throws
    /// Every token, oldest first.
    func apiTokens() throws -> [APITokenRecord]
    func apiToken(id: Int64) throws -> APITokenRecord?
    /// The caller a live token (by its hash) stands for: its account and the dossiers it may
    /// see (linked to the account, narrowed by the token). Nil for an unknown or revoked token.
    func feedCaller(tokenHash: String) throws -> FeedCaller?

    /// The feed of a dossier: every delivery published on a pull route (collected or not), in
    /// the order they were made, after `cursor`; a few queries whatever `limit`.
    func feed(dossier: String, after cursor: Int64, limit: Int) throws -> [FeedRow]
    /// A document of `dossier` that is in its feed (a delivery published or collected).
    func documentInFeed(id: Int64, dossier: String) throws -> DocumentRecord?
    /// The document's latest delivery, which gives its state.
    func latestDelivery(ofDocument id: Int64) throws -> DeliveryRecord?
    /// Marks a published delivery collected; the time as stored (the store may round it).
    func collect(deliveryID: Int64, at date: Date, by account: String) throws -> Date
}

/// One published delivery of a feed with its document and the version that document replaced.
struct FeedRow: Sendable {
    var delivery: DeliveryRecord
    var document: DocumentRecord
    var supersedes: Int64?
}
