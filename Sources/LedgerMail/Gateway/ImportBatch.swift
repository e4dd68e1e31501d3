import Foundation
import GRDB

/// What became of one file given to `import`.
public enum ImportResult: Sendable {
    case done(ImportOutcome)
    /// Not imported, and not a failure: the file needs something only the user can give.
    case skipped(reason: String)
    case failed(any Error)
}

/// A PDF or a picture on its own says nothing of its kind: the user must give it (`--kind`).
public struct KindNeeded: Error, Sendable, CustomStringConvertible {
    public let description: String
}

extension Gateway {
    /// Files per batch: one flush of the store and one transaction for all of them.
    public static let importBatchSize = 200

    /// Imports `files` in batches, reporting each file's result in order as its batch commits.
    /// Each file is still all or nothing (its own savepoint in the batch's transaction, its bytes
    /// flushed to the store before); a crash loses at most the batch in progress, nothing of
    /// which is then recorded, and a rerun stores it (what was stored is "already imported").
    public func importFiles(dossier name: String, files: [URL], declaredKind: DocumentKind? = nil,
                            batchSize: Int = importBatchSize, each: (URL, ImportResult) -> Void) throws {
        let dossier = try database.read { db in try Dossier(try requireWritableDossier(name, db)) }
        for start in stride(from: 0, to: files.count, by: max(1, batchSize)) {
            let batch = Array(files[start..<min(files.count, start + max(1, batchSize))])
            let results: [ImportResult]
            do {
                results = try importBatch(batch, dossier: dossier, declaredKind: declaredKind)
            } catch {
                // The store or the commit failed: nothing of this batch is recorded.
                results = batch.map { _ in .failed(error) }
            }
            for (file, result) in zip(batch, results) { each(file, result) }
        }
    }

    /// Reads and decides every file, stores all their bytes with one flush, then records them in
    /// one transaction.
    func importBatch(_ files: [URL], dossier: Dossier, declaredKind: DocumentKind?) throws -> [ImportResult] {
        var results = [ImportResult?](repeating: nil, count: files.count)
        var ready: [(index: Int, hash: String, prepared: PreparedDocument)] = []
        for (index, file) in files.enumerated() {
            do {
                let data = try readInput(file)
                let hash = BlobStore.sha256Hex(data)
                if let existing = try database.read({ db in try Self.imported(hash, dossier: dossier.name, db) }) {
                    results[index] = .done(.alreadyImported(documentID: existing))
                    continue
                }
                let prepared = try prepareImport(data, file: file, declaredKind: declaredKind, dossier: dossier)
                for warning in prepared.warnings { logger.info("\(file.lastPathComponent): \(warning)") }
                ready.append((index, hash, prepared))
            } catch let needed as KindNeeded {
                results[index] = .skipped(reason: needed.description)
            } catch {
                results[index] = .failed(error)
            }
        }
        // Content-addressed and idempotent: stored (and flushed) before the rows that point at them.
        try blobs.putAll(ready.flatMap { [$0.prepared.ubl, $0.prepared.pdf, $0.prepared.file?.data].compactMap { $0 } })
        let recorded = try database.write { db in
            ready.map { item -> ImportResult in
                do {
                    var outcome: ImportOutcome?
                    try db.inSavepoint {
                        outcome = try record(item.prepared, file: files[item.index], sourceHash: item.hash, dossier: dossier, db)
                        return .commit
                    }
                    return .done(outcome!)
                } catch {
                    return .failed(ImportError("\(files[item.index].lastPathComponent): not recorded: \(error)"))
                }
            }
        }
        for (item, result) in zip(ready, recorded) { results[item.index] = result }
        return results.map { $0! }
    }
}
