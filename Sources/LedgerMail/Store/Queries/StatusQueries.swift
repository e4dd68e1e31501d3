import Foundation

/// The named queries on what status, the web's lists and the dossier overview show. Each
/// answers for many documents at once: a page costs a few queries, never one per document.
protocol StatusQueries {
    /// A page of the current documents the filter selects, by dossier then id, after `position`
    /// (nil: from the first), at most `limit` (the filter's own limit is the caller's), each
    /// with its state.
    func documentPage(_ filter: DocumentFilter, after position: DocumentPosition?, limit: Int) throws -> [DocumentWithState]
    /// The deliveries of these documents, oldest first, by document.
    func deliveries(ofDocuments ids: [Int64]) throws -> [Int64: [DeliveryRecord]]
    /// The recipients of these deliveries, in the order they were recorded, by delivery.
    func recipients(ofDeliveries ids: [Int64]) throws -> [Int64: [RecipientRecord]]
    /// The inbound mail linked to these deliveries, oldest first, by delivery.
    func inbound(ofDeliveries ids: [Int64]) throws -> [Int64: [InboundRecord]]
    /// How many current documents the filter selects, per kind and state (its limit ignored).
    func documentCounts(_ filter: DocumentFilter) throws -> [DocumentCount]
}

/// Where a page of documents ends: the order of `status` is by dossier, then id.
struct DocumentPosition: Sendable, Equatable {
    var dossier: String
    var id: Int64
}

/// A current document with its state (its latest delivery's, `held` when it has none).
struct DocumentWithState: Sendable {
    var document: DocumentRecord
    var state: DeliveryState
}

/// How many documents of one kind (nil: not decided) are in one state.
public struct DocumentCount: Sendable, Equatable, Encodable {
    @NullWhenAbsent public var kind: DocumentKind?
    public var state: DeliveryState
    public var count: Int
}
