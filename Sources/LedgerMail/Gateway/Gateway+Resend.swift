import Foundation
import GRDB

extension Gateway {
    /// Schedules a document to go to a route again, now: the only way a document is sent
    /// twice to the same route, always explicit and logged. A new version waiting because its
    /// predecessor was already sent is released this way too. Returns the new delivery's id.
    public func resend(dossier name: String, documentID: Int64, route routeKind: DocumentKind?) throws -> Int64 {
        let id: Int64 = try database.write { db in
            _ = try requireWritableDossier(name, db)
            guard var document = try DocumentRecord.fetchOne(db, key: documentID), document.dossier == name else {
                throw InvalidInput("dossier '\(name)' has no document \(documentID)")
            }
            if let newer = document.supersededBy {
                throw InvalidInput("document \(documentID) was replaced by a newer version (document \(newer)): resend that one")
            }
            guard let kind = routeKind ?? document.kind else {
                throw InvalidInput("document \(documentID) has no kind yet: `ledgermail review` decides it, or give --route")
            }
            guard let route = try RouteRecord.fetchOne(db, key: ["dossier": name, "kind": kind.rawValue]) else {
                throw InvalidInput(HoldReason.noRouteSentence(kind))
            }
            // A held delivery (a new version waiting for this) gives way to the real one.
            _ = try DeliveryRecord.deleteHeld(of: documentID, db)
            if document.heldBecause != nil {
                document.hold(nil)
                try document.update(db)
            }
            // On a pull route "again" is a new item in the feed, never a mail.
            var delivery = DeliveryRecord.new(documentID: documentID, routeKind: kind, state: route.pull ? .published : .scheduled,
                                              dueAt: route.pull ? nil : clock(), now: clock())
            try delivery.insert(db)
            return delivery.id!
        }
        logger.notice("resend: document \(documentID) of \(name) scheduled again as delivery \(id)")
        return id
    }

    /// The exact mail a document's delivery would send on a route — the same bytes as the real
    /// send but for Date and Message-ID — so a person can open it in a mail client first.
    public func preview(dossier name: String, documentID: Int64, route routeKind: DocumentKind?) throws -> Data {
        try database.read { db in
            let dossier = try Dossier(try requireDossier(name, db))
            guard let document = try DocumentRecord.fetchOne(db, key: documentID), document.dossier == name else {
                throw InvalidInput("dossier '\(name)' has no document \(documentID)")
            }
            guard let kind = routeKind ?? document.kind else {
                throw InvalidInput("document \(documentID) has no kind yet: give --route")
            }
            guard let route = try RouteRecord.fetchOne(db, key: ["dossier": name, "kind": kind.rawValue]).map(Route.init) else {
                throw InvalidInput(HoldReason.noRouteSentence(kind))
            }
            let messageID = MessageComposer.newMessageID(domain: dossier.from.address.domain)
            return try MessageComposer.compose(documentMail(document: document, kind: kind, dossier: dossier, route: route,
                                                            messageID: messageID, date: clock()))
        }
    }
}
