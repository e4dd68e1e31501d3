import Foundation
import GRDB

extension SQLiteTransaction: DocumentQueries {
    func document(id: Int64) throws -> DocumentRecord? { try DocumentRecord.fetchOne(db, key: id) }
    func update(_ document: DocumentRecord) throws { try document.update(db) }

    func currentDocuments(dossier: String, kind: DocumentKind, heldBecause reason: HoldReason) throws -> [DocumentRecord] {
        try DocumentRecord.current(dossier: dossier, kind: kind, heldBecause: reason).fetchAll(db)
    }

    func heldWithoutKind(dossier: String) throws -> [DocumentRecord] { try DocumentRecord.heldWithoutKind(dossier: dossier, db) }
}
