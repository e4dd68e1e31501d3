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
    static func holdWaiting(dossier: String, kind: DocumentKind, reason: String, now: Date, _ db: Database) throws -> Int {
        let waiting: [DeliveryState] = [.pending, .scheduled, .deferred]
        let documents = """
            SELECT doc.id FROM document doc WHERE doc.dossier = ? AND doc.supersededBy IS NULL
            """
        let held = try DeliveryRecord
            .filter(sql: "documentID IN (\(documents))", arguments: [dossier])
            .filter(Column("routeKind") == kind && waiting.contains(Column("state")))
            .updateAll(db, Column("state").set(to: DeliveryState.held), Column("dueAt").set(to: nil),
                       Column("lastReply").set(to: reason), Column("updatedAt").set(to: now))
        try DocumentRecord
            .filter(Column("dossier") == dossier && Column("kind") == kind && Column("supersededBy") == nil)
            .filter(sql: "id IN (SELECT documentID FROM delivery WHERE routeKind = ? AND state = 'held')", arguments: [kind])
            .updateAll(db, Column("heldReason").set(to: reason))
        return held
    }
}
