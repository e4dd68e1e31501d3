import Foundation

/// The result of importing one file: one line of the `import` command's output.
public enum ImportOutcome: Sendable, Equatable {
    /// Stored; `state` is its delivery's (held ones carry their reason).
    case stored(documentID: Int64, kind: DocumentKind?, state: DeliveryState, heldReason: String?, version: Int,
                replacedDocumentID: Int64?)
    /// The same bytes were imported into this dossier before: nothing new, nothing sent again.
    case alreadyImported(documentID: Int64)
}

/// Why a file could not be imported. Nothing of it was stored.
struct ImportError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// Records one prepared file whose bytes are already in the store: its document row (a new
/// version replacing an unsent one), and its delivery, scheduled or held.
struct ImportRecording: Sendable {
    let services: GatewayServices

    func record(_ prepared: PreparedDocument, file: URL, sourceHash: String, dossier: Dossier,
                in tx: any StoreTransaction) throws -> ImportOutcome {
        let name = dossier.name
        if let existing = try tx.documentID(importedFrom: sourceHash, dossier: name) { return .alreadyImported(documentID: existing) }
        var record = DocumentRecord(
            id: nil, dossier: name, kind: prepared.kind, root: prepared.root, number: prepared.number,
            supplierKey: prepared.supplierKey, issueDate: prepared.issueDate, counterparty: prepared.counterparty,
            fileName: file.lastPathComponent, sourceSHA256: sourceHash, ublSHA256: prepared.ubl.map(BlobStore.sha256Hex),
            pdfSHA256: prepared.pdf.map(BlobStore.sha256Hex), pdfRendered: prepared.pdfRendered,
            fileSHA256: prepared.file.map { BlobStore.sha256Hex($0.data) }, fileMimeType: prepared.file?.mimeType,
            fileExtension: prepared.file?.fileExtension, attachmentBase: prepared.attachmentBase, version: 1,
            supersededBy: nil, heldBecause: prepared.heldDetail == nil ? nil : .kindUndecided,
            heldDetail: prepared.heldDetail, importedAt: services.clock())
        // Here, not in the insert: the dossier's zone is at hand, no query per document for it.
        record.keepPeriodDay(timeZone: dossier.timeZone)

        // Versions are a UBL notion: same supplier, root and number with other bytes.
        let previous = prepared.root == nil ? nil
            : try tx.currentVersion(dossier: name, supplierKey: record.supplierKey, root: record.root, number: record.number)
        var replaced: Int64?
        if let previous {
            record.version = previous.version + 1
            if !(try tx.anythingSent(documentID: previous.id!)) {
                // Never sent: the new version takes its place; the old one stays in history, unsent.
                try tx.deleteDeliveries(of: previous.id!)
                replaced = previous.id
            }
            // Any earlier version that went out (not only the one replaced: it may itself be a
            // held new version) means the accountant has this document: a person decides.
            if try tx.anyVersionSent(dossier: name, supplierKey: record.supplierKey, root: record.root, number: record.number) {
                record.hold(.newVersion)
            }
        }
        try tx.insert(&record)
        if var old = previous {
            old.supersededBy = record.id
            try tx.update(old)
        }
        let scheduler = DeliveryScheduler(services)
        let state: DeliveryState
        if record.heldBecause == nil, let kind = prepared.kind {
            state = try scheduler.schedule(record, kind: kind, dossier: dossier, in: tx)
        } else {
            state = .held
            try scheduler.hold(documentID: record.id!, in: tx)
        }
        let stored = try tx.document(id: record.id!)!
        return .stored(documentID: record.id!, kind: prepared.kind, state: state, heldReason: stored.heldReason,
                       version: record.version, replacedDocumentID: replaced)
    }
}
