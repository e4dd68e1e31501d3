import GRDB

extension Gateway {
    /// Transitional, for Gateway+Dossiers and DossierAdmin until they use `DeliveryScheduler`.
    @discardableResult
    func scheduleDelivery(for document: DocumentRecord, kind: DocumentKind, dossier: Dossier, _ db: Database) throws -> DeliveryState {
        try DeliveryScheduler(services).schedule(document, kind: kind, dossier: dossier, in: SQLiteTransaction(db: db))
    }
}
