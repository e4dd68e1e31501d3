import Foundation

/// Sends a document to a route again: the only way a document goes twice to the same route,
/// always explicit and logged. A new version waiting because its predecessor was already sent
/// is released this way too.
public struct Resend: Sendable {
    let services: GatewayServices

    /// Schedules the document again, now; returns the new delivery's id (`send --only` takes it).
    public func document(dossier name: String, documentID: Int64, route routeKind: DocumentKind?) throws -> Int64 {
        let now = services.clock()
        let id: Int64 = try services.store.write { tx in
            _ = try tx.requireWritableDossier(name)
            var document = try tx.requireCurrentDocument(documentID, dossier: name, then: "resend")
            guard let kind = routeKind ?? document.kind else {
                throw KindUndecided(id: documentID, next: "`ledgermail review` decides it, or give --route")
            }
            guard let route = try tx.route(dossier: name, kind: kind) else { throw NoSuchRoute(dossier: name, kind: kind) }
            // A held delivery (a new version waiting for this) gives way to the real one.
            _ = try tx.deleteHeldDelivery(of: documentID)
            if document.heldBecause != nil {
                document.hold(nil)
                try tx.update(document)
            }
            // On a pull route "again" is a new item in the feed, never a mail.
            var delivery = DeliveryRecord.new(documentID: documentID, routeKind: kind, state: route.pull ? .published : .scheduled,
                                              dueAt: route.pull ? nil : now, now: now)
            try tx.insert(&delivery)
            return delivery.id!
        }
        services.logger.notice("resend: document \(documentID) of \(name) scheduled again as delivery \(id)")
        return id
    }
}

/// The exact mail a document's delivery would send on a route — the same bytes as the real
/// send but for Date and Message-ID — so a person can open it in a mail client first.
public struct MailPreview: Sendable {
    let services: GatewayServices

    public func mail(dossier name: String, documentID: Int64, route routeKind: DocumentKind?) throws -> Data {
        let (dossier, document, kind, route) = try services.store.read { tx in
            let dossier = try Dossier(try tx.requireDossier(name))
            let document = try tx.requireDocument(documentID, dossier: name)
            guard let kind = routeKind ?? document.kind else { throw KindUndecided(id: documentID, next: "give --route") }
            guard let route = try tx.configuredRoute(dossier: name, kind: kind) else { throw NoSuchRoute(dossier: name, kind: kind) }
            return (dossier, document, kind, route)
        }
        let messageID = MessageComposer.newMessageID(domain: dossier.from.address.domain)
        return try MessageComposer.compose(DocumentMail(services: services).compose(document: document, kind: kind, dossier: dossier,
                                                                             route: route, messageID: messageID, date: services.clock()))
    }
}
