import Foundation
import GRDB

/// The result of importing one file: one line of the `import` command's output.
public enum ImportOutcome: Sendable, Equatable {
    /// Stored; `state` is its delivery's (held ones carry their reason).
    case stored(documentID: Int64, kind: DocumentKind?, state: DeliveryState, heldReason: String?, version: Int,
                replacedDocumentID: Int64?)
    /// The same bytes were imported into this dossier before: nothing new, nothing sent again.
    case alreadyImported(documentID: Int64)
}

/// Why a file could not be imported. Nothing of it was stored.
public struct ImportError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

extension Gateway {
    /// Imports one file into a dossier: a UBL invoice or credit note (its kind decided by the
    /// parties, or given), a CODA statement, or a PDF / picture with `declaredKind`. It is
    /// stored with its PDF (embedded, beside it, or rendered) and its delivery scheduled.
    /// All or nothing: the bytes are in the store before the one transaction that records them.
    /// `importFiles` does the same for many files, a batch at a time.
    public func importFile(dossier name: String, file: URL, declaredKind: DocumentKind? = nil) throws -> ImportOutcome {
        let dossier = try database.read { db in try Dossier(try requireWritableDossier(name, db)) }
        switch try importBatch([file], dossier: dossier, declaredKind: declaredKind)[0] {
        case .done(let outcome): return outcome
        case .skipped(let reason): throw KindNeeded(description: reason)
        case .failed(let error): throw error
        }
    }

    /// Records one prepared file whose bytes are already in the store: its document row (a new
    /// version replacing an unsent one), and its delivery, scheduled or held.
    func record(_ prepared: PreparedDocument, file: URL, sourceHash: String, dossier: Dossier, _ db: Database) throws -> ImportOutcome {
        let name = dossier.name
        if let existing = try Self.imported(sourceHash, dossier: name, db) { return .alreadyImported(documentID: existing) }
        var record = DocumentRecord(
            id: nil, dossier: name, kind: prepared.kind, root: prepared.root, number: prepared.number,
            supplierKey: prepared.supplierKey, issueDate: prepared.issueDate, counterparty: prepared.counterparty,
            fileName: file.lastPathComponent, sourceSHA256: sourceHash, ublSHA256: prepared.ubl.map(BlobStore.sha256Hex),
            pdfSHA256: prepared.pdf.map(BlobStore.sha256Hex), pdfRendered: prepared.pdfRendered,
            fileSHA256: prepared.file.map { BlobStore.sha256Hex($0.data) }, fileMimeType: prepared.file?.mimeType,
            fileExtension: prepared.file?.fileExtension, attachmentBase: prepared.attachmentBase, version: 1,
            supersededBy: nil, heldBecause: prepared.heldDetail == nil ? nil : .kindUndecided,
            heldDetail: prepared.heldDetail, importedAt: clock())

        // Versions are a UBL notion: same supplier, root and number with other bytes.
        let previous = prepared.root == nil ? nil : try DocumentRecord
            .filter(Column("dossier") == name && Column("supplierKey") == record.supplierKey
                    && Column("root") == record.root && Column("number") == record.number && Column("supersededBy") == nil)
            .order(Column("version").desc).fetchOne(db)
        var replaced: Int64?
        if let previous {
            record.version = previous.version + 1
            if !(try Self.anythingSent(of: previous.id!, db)) {
                // Never sent: the new version takes its place; the old one stays in history, unsent.
                try DeliveryRecord.filter(Column("documentID") == previous.id!).deleteAll(db)
                replaced = previous.id
            }
            // Any earlier version that went out (not only the one replaced: it may itself be a
            // held new version) means the accountant has this document: a person decides.
            if try Self.anyVersionSent(like: record, db) {
                record.hold(.newVersion)
            }
        }
        try record.insert(db)
        if var old = previous {
            old.supersededBy = record.id
            try old.update(db)
        }
        let state: DeliveryState
        if record.heldBecause == nil, let kind = prepared.kind {
            state = try scheduleDelivery(for: record, kind: kind, dossier: dossier, db)
        } else {
            state = .held
            try insertHeldDelivery(documentID: record.id!, db)
        }
        let stored = try DocumentRecord.fetchOne(db, key: record.id!)!
        return .stored(documentID: record.id!, kind: prepared.kind, state: state, heldReason: stored.heldReason,
                       version: record.version, replacedDocumentID: replaced)
    }

    static func imported(_ sourceHash: String, dossier: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT id FROM document WHERE dossier = ? AND sourceSHA256 = ?", arguments: [dossier, sourceHash])
    }

    /// Whether any stored version of `document` (same dossier, supplier, root and number) was sent.
    static func anyVersionSent(like document: DocumentRecord, _ db: Database) throws -> Bool {
        let versions = try Int64.fetchAll(db, DocumentRecord
            .filter(Column("dossier") == document.dossier && Column("supplierKey") == document.supplierKey
                    && Column("root") == document.root && Column("number") == document.number)
            .select(Column("id")))
        return try versions.contains { try anythingSent(of: $0, db) }
    }

    static func anythingSent(of documentID: Int64, _ db: Database) throws -> Bool {
        // Any attempt counts: a deferred mail may still have arrived (a connection lost after the data).
        // A collected document is the pull route's "sent"; a challenged one was taken by its server.
        let sentStates: [DeliveryState] = [.sending, .sent, .bounced, .challenged, .collected]
        return try DeliveryRecord.filter(Column("documentID") == documentID
                                         && (sentStates.contains(Column("state")) || Column("attempts") > 0)).fetchCount(db) > 0
    }

    /// The delivery a document gets from its route and its dossier's dispatch setting; held
    /// (with the reason on the document) when its kind has no route.
    @discardableResult
    func scheduleDelivery(for document: DocumentRecord, kind: DocumentKind, dossier: Dossier, _ db: Database) throws -> DeliveryState {
        guard let route = try RouteRecord.fetchOne(db, key: ["dossier": dossier.name, "kind": kind.rawValue]).map(Route.init) else {
            var held = document
            held.hold(.noRoute)
            try held.update(db)
            try insertHeldDelivery(documentID: document.id!, db)
            return .held
        }
        let now = clock()
        if route.pull {
            var delivery = DeliveryRecord.new(documentID: document.id!, routeKind: kind, state: .published, dueAt: nil, now: clock())
            try delivery.insert(db)
            return .published
        }
        let policy = route.dispatch ?? dossier.dispatch
        let due = policy.dueTime(arrival: now, delay: settings.dispatchDelay, timeZone: dossier.resolvedTimeZone)
        var delivery = DeliveryRecord.new(documentID: document.id!, routeKind: kind,
                                          state: due == nil ? .pending : .scheduled, dueAt: due, now: now)
        try delivery.insert(db)
        return due == nil ? .pending : .scheduled
    }

    func insertHeldDelivery(documentID: Int64, _ db: Database) throws {
        var delivery = DeliveryRecord.new(documentID: documentID, routeKind: nil, state: .held, dueAt: nil, now: clock())
        try delivery.insert(db)
    }

    /// Releases a held document as `kind` (a person decided): it is scheduled by its route.
    public func review(dossier name: String, documentID: Int64, kind: DocumentKind) throws -> DeliveryState {
        try database.write { db in
            let dossier = try Dossier(try requireWritableDossier(name, db))
            guard var document = try DocumentRecord.fetchOne(db, key: documentID), document.dossier == name else {
                throw InvalidInput("dossier '\(name)' has no document \(documentID)")
            }
            if let newer = document.supersededBy {
                throw InvalidInput("document \(documentID) was replaced by a newer version (document \(newer)): review that one")
            }
            guard try DeliveryRecord.deleteHeld(of: documentID, db) > 0 else {
                throw InvalidInput("document \(documentID) is not held: nothing to review")
            }
            document.kind = kind
            document.hold(nil)
            try document.update(db)
            return try scheduleDelivery(for: document, kind: kind, dossier: dossier, db)
        }
    }
}
