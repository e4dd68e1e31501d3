import GRDB

extension DocumentRecord {
    /// The current versions (none superseded) of a dossier's documents.
    static func current(dossier: String) -> QueryInterfaceRequest<DocumentRecord> {
        filter(Columns.dossier == dossier && Columns.supersededBy == nil)
    }

    /// The current documents of one kind held for one reason, oldest first.
    static func current(dossier: String, kind: DocumentKind, heldBecause reason: HoldReason) -> QueryInterfaceRequest<DocumentRecord> {
        current(dossier: dossier).filter(Columns.kind == kind && Columns.heldBecause == reason).order(Columns.id)
    }

    /// The current documents that wait for a person, whatever the reason, oldest first.
    static func currentHeld(dossier: String) -> QueryInterfaceRequest<DocumentRecord> {
        current(dossier: dossier).filter(Columns.heldBecause != nil).order(Columns.id)
    }
}
