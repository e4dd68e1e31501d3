import Foundation
import ZIPFoundation

extension Gateway {
    /// Writes a period's documents as one ZIP file at `file`, a folder per kind
    /// (`purchase-invoice/LEV_2026_0815.xml`), for the accountant to fetch himself. Written to
    /// disk entry by entry, one stored file in memory at a time, never the whole archive.
    public func exportPeriod(dossier name: String, period: Period, to file: URL) throws {
        // The period's documents by the quarter-end plan's own rule, so the ZIP holds what was sent.
        let documents = try planPeriod(dossier: name, period: period).documents
        let archive = try Archive(url: file, accessMode: .create)
        var used: Set<String> = []
        for document in documents {
            for stored in try storedFiles.list(of: document.documentID, dossier: name) ?? [] {
                let folder = document.kind?.rawValue ?? "unknown"
                var entry = "\(folder)/\(stored.name)"
                if used.contains(entry) {
                    // Another document has this name in this folder: its id keeps both.
                    let url = URL(fileURLWithPath: stored.name)
                    entry = "\(folder)/\(url.deletingPathExtension().lastPathComponent)_\(document.documentID).\(url.pathExtension)"
                }
                used.insert(entry)
                let data = try storedFiles.contents(of: stored)
                try archive.addEntry(with: entry, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                    position, size in data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        }
    }
}

extension Gateway {
    /// `exportPeriod` off the cooperative pool (it reads and deflates a whole period), the file
    /// then opened and unlinked: the handle is all that is left of it.
    public func exportPeriodFile(dossier name: String, period: Period, to file: URL) async throws -> FileHandle {
        try await runBlocking { [self] in
            try exportPeriod(dossier: name, period: period, to: file)
            let handle = try FileHandle(forReadingFrom: file)
            try? FileManager.default.removeItem(at: file)
            return handle
        }
    }
}
