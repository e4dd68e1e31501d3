import Foundation
import GRDB

// The send queue's requests: what a worker may claim, what it holds, what may have arrived.

extension DeliveryRecord {
    /// A claim whose lease ran out: its worker died or hung, the delivery goes again (same Message-ID).
    static func leaseExpired(now: Date) -> SQLExpression {
        Columns.state == DeliveryState.sending && (Columns.leaseUntil == nil || Columns.leaseUntil <= now)
    }

    /// Waiting on a route, or left by a worker whose lease ran out.
    static func claimable(now: Date) -> SQLExpression {
        Columns.routeKind != nil && (waitingStates.contains(Columns.state) || leaseExpired(now: now))
    }

    /// In flight under `worker`'s claim.
    static func held(by worker: String) -> SQLExpression {
        Columns.state == DeliveryState.sending && Columns.claimedBy == worker
    }

    /// Any attempt counts: a deferred mail may still have arrived (a connection lost after the
    /// data). A collected document is the pull route's "sent"; a challenged one was taken.
    static var mayHaveArrived: QueryInterfaceRequest<DeliveryRecord> {
        let sentStates: [DeliveryState] = [.sending, .sent, .bounced, .challenged, .collected]
        return filter(sentStates.contains(Columns.state) || Columns.attempts > 0)
    }

    /// The ids a send pass takes, due first: current documents only.
    static func claimable(dossier: String?, selection: SendSelection, now: Date) -> QueryInterfaceRequest<Int64> {
        var current = DocumentRecord.filter(DocumentRecord.Columns.supersededBy == nil)
        if let dossier { current = current.filter(DocumentRecord.Columns.dossier == dossier) }
        var request = DeliveryRecord.filter(current.select(DocumentRecord.Columns.id).contains(Columns.documentID))
            .filter(Columns.routeKind != nil)
        switch selection {
        case .due:
            let due: [DeliveryState] = [.scheduled, .deferred]
            request = request.filter((due.contains(Columns.state) && Columns.dueAt <= now) || leaseExpired(now: now))
        case .everythingWaiting:
            request = request.filter(claimable(now: now))
        case .only(let ids):
            request = request.filter(claimable(now: now) && ids.contains(Columns.id))
        }
        return request.order(Columns.dueAt, Columns.id).select(Columns.id, as: Int64.self)
    }
}

extension DocumentRecord {
    /// Every stored version of one document: same dossier, supplier, root and number.
    static func versions(dossier: String, supplierKey: String, root: DocumentRoot?, number: String) -> QueryInterfaceRequest<DocumentRecord> {
        filter(Columns.dossier == dossier && Columns.supplierKey == supplierKey && Columns.root == root && Columns.number == number)
    }
}
