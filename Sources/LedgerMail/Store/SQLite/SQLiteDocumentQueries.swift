import Foundation
import GRDB

extension SQLiteTransaction: DocumentQueries {
    func document(id: Int64) throws -> DocumentRecord? { try DocumentRecord.fetchOne(db, key: id) }
    func insert(_ document: inout DocumentRecord) throws { try document.insert(db) }
    func update(_ document: DocumentRecord) throws { try document.update(db) }

    func documentID(importedFrom sourceSHA256: String, dossier: String) throws -> Int64? {
        try Int64.fetchOne(db, DocumentRecord
            .filter(DocumentRecord.Columns.dossier == dossier && DocumentRecord.Columns.sourceSHA256 == sourceSHA256)
            .select(DocumentRecord.Columns.id))
    }

    func currentVersion(dossier: String, supplierKey: String, root: DocumentRoot?, number: String) throws -> DocumentRecord? {
        try DocumentRecord.versions(dossier: dossier, supplierKey: supplierKey, root: root, number: number)
            .filter(DocumentRecord.Columns.supersededBy == nil).order(DocumentRecord.Columns.version.desc).fetchOne(db)
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        var result: T?
        try db.inSavepoint {
            result = try body()
            return .commit
        }
        return result!
    }
    func currentDocuments(dossier: String, kind: DocumentKind, heldBecause reason: HoldReason) throws -> [DocumentRecord] {
        try DocumentRecord.current(dossier: dossier, kind: kind, heldBecause: reason).fetchAll(db)
    }

    func heldWithoutKind(dossier: String) throws -> [DocumentRecord] { try DocumentRecord.heldWithoutKind(dossier: dossier, db) }

    func periodDayInputs(dossier: String) throws -> [PeriodDayInput] {
        typealias C = DocumentRecord.Columns
        return try PeriodDayInput.fetchAll(db, DocumentRecord.select(C.id, C.issueDate, C.importedAt, C.periodDay)
            .filter(C.dossier == dossier).order(C.id))
    }

    func setPeriodDay(_ day: String, document id: Int64) throws {
        try DocumentRecord.filter(key: id).updateAll(db, DocumentRecord.Columns.periodDay.set(to: day))
    }
}

extension PeriodDayInput: FetchableRecord {}
