import Foundation

/// Where each kind of a dossier's documents goes (`ledgermail route …`, the web's BillMail
/// page): setting a route releases what waited for it, removing one holds what still waits.
public struct RouteBook: Sendable {
    let services: GatewayServices

    public func list(dossier name: String) throws -> [Route] {
        try services.store.read { tx in
            _ = try tx.requireDossier(name)
            return try tx.routes(dossier: name).map(Route.init).sorted { $0.kind < $1.kind }
        }
    }

    /// Sets where `kind` goes and how its mails are made. Documents held only because this kind
    /// had no route are released; how many.
    @discardableResult
    public func set(dossier name: String, kind: DocumentKind, addresses: [String], attach: AttachPolicy = .both,
                    dispatch: DispatchPolicy? = nil, maxSize: ByteSize? = nil, pull: Bool = false) throws -> Int {
        let route = try Self.route(kind: kind, addresses: addresses, attach: attach, dispatch: dispatch, maxSize: maxSize, pull: pull)
        return try services.store.write { tx in try save(route, dossier: try Dossier(try tx.requireWritableDossier(name)), tx) }
    }

    /// The BillMail form's whole change in one transaction: the sender (`Name <address>`) when given, each of
    /// `routes`, and no route for every other kind. A refused value changes nothing.
    public func replaceAll(dossier name: String, from: String?, routes: [Route]) throws {
        try services.store.write { tx in
            var record = try tx.requireWritableDossier(name)
            if let from {
                record = try DossierFields(from: from).record(name: name, over: record, createdAt: record.createdAt)
                try tx.update(record)
            }
            let dossier = try Dossier(record)
            for route in routes { _ = try save(route, dossier: dossier, tx) }
            let kept = Set(routes.map(\.kind))
            for existing in try tx.routes(dossier: name) where !kept.contains(existing.kind) {
                try tx.deleteRoute(dossier: name, kind: existing.kind)
                _ = try tx.holdWaiting(dossier: name, kind: existing.kind, now: services.clock())
            }
        }
    }

    /// Sets several routes in one transaction (an integration's preset): all or none.
    func setAll(_ routes: [Route], dossier name: String) throws {
        try services.store.write { tx in
            let dossier = try Dossier(try tx.requireWritableDossier(name))
            for route in routes { _ = try save(route, dossier: dossier, tx) }
        }
    }

    /// A route from what a person typed, or why it cannot be one.
    public static func route(kind: DocumentKind, addresses: [String], attach: AttachPolicy = .both, dispatch: DispatchPolicy? = nil,
                             maxSize: ByteSize? = nil, pull: Bool = false) throws(InvalidInput) -> Route {
        if pull, !addresses.isEmpty {
            throw InvalidInput("a pull route has no addresses: the accountant's software collects through the API")
        }
        guard pull || !addresses.isEmpty else { throw InvalidInput("a route needs at least one address, or --pull") }
        let checked = try addresses.map { text throws(InvalidInput) -> EmailAddress in
            try InvalidInput.checkSingleLine(text, name: "the address")
            return try EmailAddress(text)
        }
        return Route(kind: kind, addresses: checked, attach: attach, dispatch: dispatch, maxSize: maxSize, pull: pull)
    }

    /// Saves one route and releases what waited for it (and nothing held for another reason).
    private func save(_ route: Route, dossier: Dossier, _ tx: any StoreTransaction) throws -> Int {
        if let owner = dossier.ownerEmail, route.addresses.contains(where: { $0.value.lowercased() == owner.value.lowercased() }) {
            throw InvalidInput("\(route.kind.rawValue): \(owner) is the owner address of '\(dossier.name)' (where its digest goes), not an import address")
        }
        try tx.save(RouteRecord(dossier: dossier.name, kind: route.kind, addresses: route.addresses.map(\.value).joined(separator: ","),
                                attach: route.attach, dispatch: route.dispatch, maxSize: route.maxSize?.bytes, pull: route.pull))
        let scheduler = DeliveryScheduler(services)
        let waiting = try tx.currentDocuments(dossier: dossier.name, kind: route.kind, heldBecause: .noRoute)
        for var document in waiting {
            _ = try tx.deleteHeldDelivery(of: document.id!)
            document.hold(nil)
            try tx.update(document)
            try scheduler.schedule(document, kind: route.kind, dossier: dossier, in: tx)
        }
        return waiting.count
    }

    /// Takes addresses off a route, or the whole route when none are given (or none are
    /// left). Documents of that kind still waiting are then held with that reason; how many.
    @discardableResult
    public func remove(dossier name: String, kind: DocumentKind, addresses: [String] = []) throws -> Int {
        let removing = try Set(addresses.map { try EmailAddress($0).value })
        return try services.store.write { tx in
            _ = try tx.requireWritableDossier(name)
            guard var route = try tx.route(dossier: name, kind: kind) else { throw NoSuchRoute(dossier: name, kind: kind) }
            let current = route.addresses.split(separator: ",").map(String.init)
            if let unknown = removing.first(where: { !current.contains($0) }) {
                throw InvalidInput("\(unknown) is not an address of the \(kind.rawValue) route (it has \(current.joined(separator: ", ")))")
            }
            let left = current.filter { !removing.contains($0) }
            if !removing.isEmpty, !left.isEmpty {
                route.addresses = left.joined(separator: ",")
                try tx.save(route)
                return 0
            }
            try tx.deleteRoute(dossier: name, kind: kind)
            return try tx.holdWaiting(dossier: name, kind: kind, now: services.clock())
        }
    }

    /// Sends a test mail about a route to the dossier's accountant contact — never to the
    /// import address, where it would be booked as a document.
    public func test(dossier name: String, kind: DocumentKind) async throws -> EmailAddress {
        let (dossier, route) = try services.store.read { tx in
            (try Dossier(try tx.requireDossier(name)), try tx.configuredRoute(dossier: name, kind: kind))
        }
        guard let route else { throw NoSuchRoute(dossier: name, kind: kind) }
        let values: [String: Any] = [
            "company": dossier.company.singleLine, "kind": kind.label(dossier.language),
            "addresses": route.addresses.map(\.value), "attach": route.attach.rawValue,
            "max_size": route.maxSize.map(\.description) ?? "",
        ]
        let notice = NoticeMail(services: services)
        let content = notice.compose("route-test", values, dossier: dossier, to: [dossier.accountant])
        try await notice.send(content, to: [dossier.accountant], what: "the test of the \(kind.rawValue) route")
        return dossier.accountant
    }
}
