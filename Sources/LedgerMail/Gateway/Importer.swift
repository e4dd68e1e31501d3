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
    /// Imports one UBL file into a dossier: reads it, decides its kind, stores it with its PDF
    /// (embedded, or a PDF beside it with the same base name) and schedules its delivery.
    /// All or nothing: the bytes are in the store before the one transaction that records them.
    public func importFile(dossier name: String, file: URL) throws -> ImportOutcome {
        let data = try readInput(file)
        let sourceHash = BlobStore.sha256Hex(data)
        let document: UBLDocument
        do {
            document = try UBLReader(limits: readerLimits).read(data)
        } catch {
            throw ImportError("\(file.lastPathComponent): \(error)")
        }
        return try database.write { db in
            let dossierRecord = try requireDossier(name, db)
            if let existing = try DocumentRecord.filter(Column("dossier") == name && Column("sourceSHA256") == sourceHash).fetchOne(db) {
                return .alreadyImported(documentID: existing.id!)
            }
            let dossier = try Dossier(dossierRecord)
            let decision = KindDecision(document: document, ownIdentifiers: dossier.ownIdentifiers)
            let pdf = try document.firstPDF?.data ?? siblingPDF(of: file)
            // Content-addressed and idempotent: stored before the rows that point at them.
            let ublHash = try blobs.put(data)
            let pdfHash = try pdf.map { try blobs.put($0) }

            var record = DocumentRecord(
                id: nil, dossier: name, kind: nil, root: document.root.rawValue,
                number: document.number, supplierKey: Self.supplierKey(document), issueDate: document.issueDate,
                counterparty: nil, fileName: file.lastPathComponent, sourceSHA256: sourceHash, ublSHA256: ublHash,
                pdfSHA256: pdfHash,
                attachmentBase: FileNaming.attachmentBase(number: document.number, importedFileName: file.lastPathComponent),
                version: 1, supersededBy: nil, heldReason: nil, importedAt: clock())
            var kind: DocumentKind?
            switch decision {
            case .kind(let decided):
                kind = decided
                record.kind = decided.rawValue
                let other = decided == .salesInvoice || decided == .salesCreditNote ? document.customer : document.supplier
                record.counterparty = other.name?.singleLine
            case .unknown(let reason):
                record.heldReason = reason
                record.counterparty = document.supplier.name?.singleLine
            }

            let previous = try DocumentRecord
                .filter(Column("dossier") == name && Column("supplierKey") == record.supplierKey
                        && Column("root") == record.root && Column("number") == record.number && Column("supersededBy") == nil)
                .order(Column("version").desc).fetchOne(db)
            var replaced: Int64?
            if let previous {
                record.version = previous.version + 1
                if try Self.anythingSent(of: previous.id!, db) {
                    record.heldReason = "a new version (\(record.version)) of a document already sent: `ledgermail resend` sends it"
                } else {
                    // Never sent: the new version takes its place; the old one stays in history, unsent.
                    try DeliveryRecord.filter(Column("documentID") == previous.id!).deleteAll(db)
                    replaced = previous.id
                }
            }
            try record.insert(db)
            if let previous {
                var old = previous
                old.supersededBy = record.id
                try old.update(db)
            }
            let state: DeliveryState
            if record.heldReason == nil, let kind {
                state = try scheduleDelivery(for: record, kind: kind, dossier: dossier, db)
            } else {
                state = .held
                try insertHeldDelivery(documentID: record.id!, db)
            }
            let stored = try DocumentRecord.fetchOne(db, key: record.id!)!
            return .stored(documentID: record.id!, kind: kind, state: state, heldReason: stored.heldReason,
                           version: record.version, replacedDocumentID: replaced)
        }
    }

    var readerLimits: UBLReaderLimits { UBLReaderLimits() }

    func readInput(_ file: URL) throws -> Data {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: file.path, isDirectory: &isDirectory) else {
            throw ImportError("\(file.path): no such file")
        }
        guard !isDirectory.boolValue else { throw ImportError("\(file.path): is a directory, not a file") }
        let size = (try? fm.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0
        guard size <= readerLimits.maxDocumentBytes else {
            throw ImportError("\(file.lastPathComponent): \(size) bytes is over the limit of \(readerLimits.maxDocumentBytes)")
        }
        do {
            return try Data(contentsOf: file)
        } catch {
            throw ImportError("\(file.path): cannot be read (\(error.localizedDescription))")
        }
    }

    /// `invoice.pdf` beside `invoice.xml`, when it really is a PDF.
    func siblingPDF(of file: URL) throws -> Data? {
        let base = file.deletingPathExtension()
        for candidate in ["pdf", "PDF"] {
            let url = base.appendingPathExtension(candidate)
            guard FileManager.default.fileExists(atPath: url.path) else { continue }
            let data = try readInput(url)
            guard data.starts(with: Array("%PDF".utf8)) else {
                throw ImportError("\(url.lastPathComponent) lies beside \(file.lastPathComponent) but is not a PDF (no %PDF header)")
            }
            return data
        }
        return nil
    }

    /// Who issued the document: its VAT, else its endpoint, legal id or name, normalised.
    static func supplierKey(_ document: UBLDocument) -> String {
        let supplier = document.supplier
        let raw = supplier.vat ?? supplier.endpointValue ?? supplier.legalID ?? supplier.name ?? ""
        return normalizedIdentifier(raw)
    }

    static func anythingSent(of documentID: Int64, _ db: Database) throws -> Bool {
        let sentStates = [DeliveryState.sending, .sent, .bounced].map(\.rawValue)
        return try DeliveryRecord.filter(Column("documentID") == documentID && sentStates.contains(Column("state"))).fetchCount(db) > 0
    }

    /// The delivery a document gets from its route and its dossier's dispatch setting; held
    /// (with the reason on the document) when its kind has no route.
    @discardableResult
    func scheduleDelivery(for document: DocumentRecord, kind: DocumentKind, dossier: Dossier, _ db: Database) throws -> DeliveryState {
        guard let route = try RouteRecord.fetchOne(db, key: ["dossier": dossier.name, "kind": kind.rawValue]).flatMap(Route.init) else {
            var held = document
            held.heldReason = Self.noRouteReason(kind)
            try held.update(db)
            try insertHeldDelivery(documentID: document.id!, db)
            return .held
        }
        let now = clock()
        let policy = route.dispatch ?? dossier.dispatch
        let due = policy.dueTime(arrival: now, delay: settings.dispatchDelay, timeZone: dossier.resolvedTimeZone)
        var delivery = DeliveryRecord.new(documentID: document.id!, routeKind: kind.rawValue,
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
            let dossier = try Dossier(try requireDossier(name, db))
            guard var document = try DocumentRecord.fetchOne(db, key: documentID), document.dossier == name else {
                throw InvalidInput("dossier '\(name)' has no document \(documentID)")
            }
            let held = try DeliveryRecord.filter(Column("documentID") == documentID && Column("state") == DeliveryState.held.rawValue).fetchAll(db)
            guard !held.isEmpty else { throw InvalidInput("document \(documentID) is not held: nothing to review") }
            try DeliveryRecord.filter(Column("documentID") == documentID && Column("state") == DeliveryState.held.rawValue).deleteAll(db)
            document.kind = kind.rawValue
            document.heldReason = nil
            try document.update(db)
            return try scheduleDelivery(for: document, kind: kind, dossier: dossier, db)
        }
    }
}
