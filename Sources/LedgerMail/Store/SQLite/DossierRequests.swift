import Foundation
import GRDB

extension DossierRecord {
    static func archive(_ name: String, at date: Date, _ db: Database) throws {
        _ = try DossierRecord.filter(key: name).updateAll(db, Column("archivedAt").set(to: date))
    }
}

extension DocumentRecord {
    /// Current UBL documents of the dossier held because their kind could not be decided.
    static func heldWithoutKind(dossier: String, _ db: Database) throws -> [DocumentRecord] {
        try DocumentRecord.fetchAll(db, sql: """
            SELECT doc.* FROM \(DocumentStateSQL.currentDocuments)
            AND doc.dossier = ? AND doc.kind IS NULL AND doc.ublSHA256 IS NOT NULL AND \(DocumentStateSQL.state) = 'held'
            """, arguments: [dossier])
    }
}

extension DeliveryRecord {
    /// Removes a document's held delivery (a person or a new setting decided); how many there were.
    static func deleteHeld(of documentID: Int64, _ db: Database) throws -> Int {
        try DeliveryRecord.filter(Column("documentID") == documentID && Column("state") == DeliveryState.held).deleteAll(db)
    }

    /// Holds every delivery of the kind that still waits (its route is gone), with the reason
    /// on the document. One in flight finds the route gone when it is claimed, and is held then.
    static func holdWaiting(dossier: String, kind: DocumentKind, now: Date, _ db: Database) throws -> Int {
        let waiting: [DeliveryState] = [.pending, .scheduled, .deferred]
        let current = DocumentRecord.current(dossier: dossier).filter(DocumentRecord.Columns.kind == kind)
        let heldDeliveries = DeliveryRecord
            .filter(Columns.routeKind == kind && waiting.contains(Columns.state))
            .filter(current.select(DocumentRecord.Columns.id).contains(Columns.documentID))
        let documentIDs = try Int64.fetchSet(db, heldDeliveries.select(Columns.documentID))
        let held = try heldDeliveries.updateAll(db, Columns.state.set(to: DeliveryState.held), Columns.dueAt.set(to: nil),
                                                Columns.lastReply.set(to: HoldReason.noRouteSentence(kind)),
                                                Columns.updatedAt.set(to: now))
        try DocumentRecord.filter(keys: documentIDs)
            .updateAll(db, DocumentRecord.Columns.heldBecause.set(to: HoldReason.noRoute), DocumentRecord.Columns.heldDetail.set(to: nil))
        return held
    }
}
