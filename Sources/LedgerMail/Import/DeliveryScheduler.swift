import Foundation

/// Gives a document whose kind is known its delivery: by its route and the dispatch setting,
/// `published` on a pull route, held (with the reason on the document) when the kind has no
/// route. Import, review, a new route and a new VAT number all schedule the same way.
struct DeliveryScheduler: Sendable {
    let settings: Settings
    let clock: @Sendable () -> Date

    init(_ services: GatewayServices) {
        settings = services.settings
        clock = services.clock
    }

    @discardableResult
    func schedule(_ document: DocumentRecord, kind: DocumentKind, dossier: Dossier, in tx: any StoreTransaction) throws -> DeliveryState {
        let now = clock()
        guard let route = try tx.configuredRoute(dossier: dossier.name, kind: kind) else {
            var held = document
            held.hold(.noRoute)
            try tx.update(held)
            try hold(documentID: document.id!, in: tx)
            return .held
        }
        let state: DeliveryState
        let due: Date?
        if route.pull {
            (state, due) = (.published, nil)
        } else {
            due = (route.dispatch ?? dossier.dispatch).dueTime(arrival: now, delay: settings.dispatchDelay,
                                                                 timeZone: dossier.resolvedTimeZone)
            state = due == nil ? .pending : .scheduled
        }
        var delivery = DeliveryRecord.new(documentID: document.id!, routeKind: kind, state: state, dueAt: due, now: now)
        try tx.insert(&delivery)
        return state
    }

    /// The delivery of a document that waits for a person: no route, no due time.
    func hold(documentID: Int64, in tx: any StoreTransaction) throws {
        var delivery = DeliveryRecord.new(documentID: documentID, routeKind: nil, state: .held, dueAt: nil, now: clock())
        try tx.insert(&delivery)
    }
}
