import Foundation

/// A person decides what a held document is: it is released as that kind and scheduled by its route.
public struct DocumentReview: Sendable {
    let services: GatewayServices

    /// Releases a held document as `kind`; returns the state of its new delivery.
    public func release(dossier name: String, documentID: Int64, kind: DocumentKind) throws -> DeliveryState {
        try services.store.write { tx in
            let dossier = try Dossier(try tx.requireWritableDossier(name))
            var document = try tx.requireCurrentDocument(documentID, dossier: name, then: "review")
            guard try tx.deleteHeldDelivery(of: documentID) > 0 else { throw DocumentNotHeld(id: documentID) }
            document.kind = kind
            document.hold(nil)
            try tx.update(document)
            return try DeliveryScheduler(services).schedule(document, kind: kind, dossier: dossier, in: tx)
        }
    }
}
