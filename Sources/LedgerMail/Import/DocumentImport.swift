import Foundation

/// What became of one file given to `import`.
public enum ImportResult: Sendable {
    case done(ImportOutcome)
    /// Not imported, and not a failure: the file needs something only the user can give.
    case skipped(reason: String)
    case failed(any Error)
}

/// A PDF or a picture on its own says nothing of its kind: the user must give it (`--kind`).
struct KindNeeded: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Imports files into a dossier: each stored with its PDF and its delivery scheduled (or held),
/// many at a time in batches.
public struct DocumentImport: Sendable {
    let services: GatewayServices

    /// Files per batch: one flush of the store and one transaction for all of them.
    public static let batchSize = 200

    /// Imports one file into a dossier: a UBL invoice or credit note (its kind decided by the
    /// parties, or given), a CODA statement, or a PDF / picture with `declaredKind`. It is
    /// stored with its PDF (embedded, beside it, or rendered) and its delivery scheduled.
    /// All or nothing: the bytes are in the store before the one transaction that records them.
    public func file(dossier name: String, file: URL, declaredKind: DocumentKind? = nil) throws -> ImportOutcome {
        let dossier = try services.store.read { tx in try Dossier(try tx.requireWritableDossier(name)) }
        switch try batch([file], dossier: dossier, declaredKind: declaredKind)[0] {
        case .done(let outcome): return outcome
        case .skipped(let reason): throw KindNeeded(description: reason)
        case .failed(let error): throw error
        }
    }

    /// Imports `files` in batches, reporting each file's result in order as its batch commits.
    /// Each file is still all or nothing (its own savepoint in the batch's transaction, its bytes
    /// flushed to the store before); a crash loses at most the batch in progress, nothing of
    /// which is then recorded, and a rerun stores it (what was stored is "already imported").
    public func files(dossier name: String, files: [URL], declaredKind: DocumentKind? = nil,
                      batchSize: Int = batchSize, each: (URL, ImportResult) -> Void) throws {
        let dossier = try services.store.read { tx in try Dossier(try tx.requireWritableDossier(name)) }
        for start in stride(from: 0, to: files.count, by: max(1, batchSize)) {
            let batch = Array(files[start..<min(files.count, start + max(1, batchSize))])
            let results: [ImportResult]
            do {
                results = try self.batch(batch, dossier: dossier, declaredKind: declaredKind)
            } catch {
                // The store or the commit failed: nothing of this batch is recorded.
                results = batch.map { _ in .failed(error) }
            }
            for (file, result) in zip(batch, results) { each(file, result) }
        }
    }

    /// Reads and decides every file, stores all their bytes with one flush, then records them in
    /// one transaction.
    private func batch(_ files: [URL], dossier: Dossier, declaredKind: DocumentKind?) throws -> [ImportResult] {
        let reading = DocumentReading(settings: services.settings)
        var results = [ImportResult?](repeating: nil, count: files.count)
        var ready: [(index: Int, hash: String, prepared: PreparedDocument)] = []
        for (index, file) in files.enumerated() {
            do {
                let data = try reading.read(file)
                let hash = BlobStore.sha256Hex(data)
                if let existing = try services.store.read({ tx in try tx.documentID(importedFrom: hash, dossier: dossier.name) }) {
                    results[index] = .done(.alreadyImported(documentID: existing))
                    continue
                }
                let prepared = try reading.prepare(data, file: file, declaredKind: declaredKind, dossier: dossier)
                for warning in prepared.warnings { services.logger.info("\(file.lastPathComponent): \(warning)") }
                ready.append((index, hash, prepared))
            } catch let needed as KindNeeded {
                results[index] = .skipped(reason: needed.description)
            } catch {
                results[index] = .failed(error)
            }
        }
        // Content-addressed and idempotent: stored (and flushed) before the rows that point at them.
        try services.blobs.putAll(ready.flatMap { [$0.prepared.ubl, $0.prepared.pdf, $0.prepared.file?.data].compactMap { $0 } })
        let recording = ImportRecording(services: services)
        let recorded = try services.store.write { tx in
            ready.map { item -> ImportResult in
                do {
                    return .done(try tx.savepoint {
                        try recording.record(item.prepared, file: files[item.index], sourceHash: item.hash, dossier: dossier, in: tx)
                    })
                } catch {
                    return .failed(ImportError("\(files[item.index].lastPathComponent): not recorded: \(error)"))
                }
            }
        }
        for (item, result) in zip(ready, recorded) { results[item.index] = result }
        return results.map { $0! }
    }
}
