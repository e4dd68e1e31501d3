import Foundation

/// The named queries on imported documents and their versions.
protocol DocumentQueries {
    func document(id: Int64) throws -> DocumentRecord?
    func insert(_ document: inout DocumentRecord) throws
    func update(_ document: DocumentRecord) throws
    /// The document the same bytes became when imported into the dossier before.
    func documentID(importedFrom sourceSHA256: String, dossier: String) throws -> Int64?
    /// The newest current version of a document (same dossier, supplier, root and number).
    func currentVersion(dossier: String, supplierKey: String, root: DocumentRoot?, number: String) throws -> DocumentRecord?
    /// Runs `body` all or nothing inside the transaction: one file of an import batch.
    func savepoint<T>(_ body: () throws -> T) throws -> T
    /// The current documents of one kind held for one reason, oldest first.
    func currentDocuments(dossier: String, kind: DocumentKind, heldBecause reason: HoldReason) throws -> [DocumentRecord]
    /// Current UBL documents of the dossier held because their kind could not be decided.
    func heldWithoutKind(dossier: String) throws -> [DocumentRecord]
    /// Every document of the dossier (older versions too) with what its period day is made from.
    func periodDayInputs(dossier: String) throws -> [PeriodDayInput]
    func setPeriodDay(_ day: String, document id: Int64) throws
}

extension DocumentQueries {
    /// The document, when it belongs to the dossier.
    func requireDocument(_ id: Int64, dossier: String) throws -> DocumentRecord {
        guard let document = try document(id: id), document.dossier == dossier else {
            throw NoSuchDocument(dossier: dossier, id: id)
        }
        return document
    }

    /// The document, when it belongs to the dossier and no newer version replaced it.
    func requireCurrentDocument(_ id: Int64, dossier: String, then next: String) throws -> DocumentRecord {
        let document = try requireDocument(id, dossier: dossier)
        if let newer = document.supersededBy { throw DocumentSuperseded(id: id, newer: newer, next: next) }
        return document
    }
}
