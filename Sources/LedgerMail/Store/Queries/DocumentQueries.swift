import Foundation

/// The named queries on imported documents and their versions.
protocol DocumentQueries {
    func document(id: Int64) throws -> DocumentRecord?
    func update(_ document: DocumentRecord) throws
    /// The current documents of one kind held for one reason, oldest first.
    func currentDocuments(dossier: String, kind: DocumentKind, heldBecause reason: HoldReason) throws -> [DocumentRecord]
    /// Current UBL documents of the dossier held because their kind could not be decided.
    func heldWithoutKind(dossier: String) throws -> [DocumentRecord]
}

extension DocumentQueries {
    /// The document, when it belongs to the dossier.
    func requireDocument(_ id: Int64, dossier: String) throws -> DocumentRecord {
        guard let document = try document(id: id), document.dossier == dossier else {
            throw NoSuchDocument(dossier: dossier, id: id)
        }
        return document
    }
}
