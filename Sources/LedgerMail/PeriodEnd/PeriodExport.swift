import Foundation
import ZIPFoundation

/// The period as one ZIP file, a folder per kind (`purchase-invoice/LEV_2026_0815.xml`), for
/// the accountant to fetch himself.
public struct PeriodExport: Sendable {
    let services: GatewayServices

    /// Written to disk entry by entry, one stored file in memory at a time, never the whole archive.
    public func write(dossier name: String, period: Period, to file: URL) throws {
        // The period's documents by the quarter-end plan's own rule, so the ZIP holds what was sent.
        let documents = try PeriodPlanning(services: services).documents(dossier: name, period: period).map(\.document)
        let archive = try Archive(url: file, accessMode: .create)
        var used: Set<String> = []
        for document in documents {
            for stored in document.files {
                let folder = document.kind?.rawValue ?? "unknown"
                var entry = "\(folder)/\(stored.name)"
                if used.contains(entry) {
                    // Another document has this name in this folder: its id keeps both.
                    let url = URL(fileURLWithPath: stored.name)
                    entry = "\(folder)/\(url.deletingPathExtension().lastPathComponent)_\(document.id ?? 0).\(url.pathExtension)"
                }
                used.insert(entry)
                let data = try services.blobs.get(stored.sha256)
                try archive.addEntry(with: entry, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                    position, size in data.subdata(in: Int(position)..<Int(position) + size)
                }
            }
        }
    }

    /// `write` off the cooperative pool (it reads and deflates a whole period), the file then
    /// opened and unlinked: the handle is all that is left of it.
    public func file(dossier name: String, period: Period, to file: URL) async throws -> FileHandle {
        try await runBlocking { [self] in
            try write(dossier: name, period: period, to: file)
            let handle = try FileHandle(forReadingFrom: file)
            try? FileManager.default.removeItem(at: file)
            return handle
        }
    }
}
