import Foundation

/// What `status`, the web's delivery log and scripts see of documents: streamed a page at a
/// time (a few queries a page, whatever its size), so the whole dossier never sits in memory.
public struct StatusReport: Sendable {
    let services: GatewayServices
    /// Documents per page: big enough that the per-page queries cost little, small enough to stay flat.
    static let pageSize = 500

    /// Every current document of the dossier (older versions stay in history), oldest first:
    /// `gateway.status(dossier: "acme")`.
    public func callAsFunction(dossier name: String) throws -> [DocumentStatus] {
        try callAsFunction(DocumentFilter(dossier: name))
    }

    /// The current documents the filter selects, collected (for pages and tests; `each` streams).
    public func callAsFunction(_ filter: DocumentFilter) throws -> [DocumentStatus] {
        var documents: [DocumentStatus] = []
        try each(filter) { documents.append($0) }
        return documents
    }

    /// Hands over the current documents the filter selects (every dossier's when it names none)
    /// one by one, by dossier then id, in one consistent read.
    public func each(_ filter: DocumentFilter, _ body: (DocumentStatus) throws -> Void) throws {
        try services.store.read { tx in
            if let name = filter.dossier { _ = try tx.requireDossier(name) }
            var remaining = filter.limit.map { max(0, $0) } ?? Int.max
            var position: DocumentPosition?
            while remaining > 0 {
                let page = try tx.documentPage(filter, after: position, limit: min(remaining, Self.pageSize))
                for document in try Self.statuses(of: page, tx) { try body(document) }
                guard page.count == min(remaining, Self.pageSize), let last = page.last?.document else { return }
                position = DocumentPosition(dossier: last.dossier, id: last.id!)
                remaining -= page.count
            }
        }
    }

    /// One page of the web's delivery log: at most `size` of the documents the filter selects
    /// after the document `after` (by id, within the filter's dossier), and the id the next page
    /// starts after, nil on the last page. A dossier of 100,000 documents is never one page.
    public func page(_ filter: DocumentFilter, after: Int64?, size: Int) throws -> (documents: [DocumentStatus], nextAfter: Int64?) {
        try services.store.read { tx in
            if let name = filter.dossier { _ = try tx.requireDossier(name) }
            let position = after.flatMap { id in filter.dossier.map { DocumentPosition(dossier: $0, id: id) } }
            let size = max(1, size)
            // One more than shown: whether a next page exists, without counting.
            let found = try tx.documentPage(filter, after: position, limit: size + 1)
            let shown = Array(found.prefix(size))
            return (try Self.statuses(of: shown, tx), found.count > shown.count ? shown.last?.document.id : nil)
        }
    }

    /// How many current documents the filter selects, per kind and state: one query.
    public func summary(_ filter: DocumentFilter) throws -> [DocumentCount] {
        try services.store.read { tx in
            if let name = filter.dossier { _ = try tx.requireDossier(name) }
            return try tx.documentCounts(filter)
        }
    }

    /// A page of documents with their deliveries, recipients and inbound mail: three queries.
    static func statuses(of page: [DocumentWithState], _ tx: any StoreTransaction) throws -> [DocumentStatus] {
        let deliveriesOf = try tx.deliveries(ofDocuments: page.map { $0.document.id! })
        let deliveryIDs = deliveriesOf.values.flatMap { $0.map { $0.id! } }
        let recipientsOf = try tx.recipients(ofDeliveries: deliveryIDs)
        let inboundOf = try tx.inbound(ofDeliveries: deliveryIDs)
        return page.map { item in
            let document = item.document
            var inbound: [InboundStatus] = []
            let deliveries = (deliveriesOf[document.id!] ?? []).map { delivery in
                let linked = inboundOf[delivery.id!] ?? []
                inbound += linked.map(InboundStatus.init)
                return DeliveryStatus(delivery, recipients: recipientsOf[delivery.id!] ?? [], inbound: linked)
            }
            return DocumentStatus(
                dossier: document.dossier, id: document.id!, number: document.number, kind: document.kind, issueDate: document.issueDate,
                counterparty: document.counterparty, file: document.fileName, version: document.version,
                state: item.state, heldReason: document.heldReason, deliveries: deliveries, inbound: inbound)
        }
    }
}
