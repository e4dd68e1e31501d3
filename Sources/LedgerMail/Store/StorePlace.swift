import Foundation

/// Where an install keeps its state, chosen by the configuration: the SQLite database, the
/// document files and the VERP key under data_dir; or, with `database.url`, all three in
/// PostgreSQL (documents' bytes cached under data_dir only to stream large attachments).
struct StorePlace {
    let store: any StoreEngine
    let blobs: any BlobStorage
    let verpKey: Data

    /// Opens an initialised install (`ledgermail init` makes one).
    static func open(_ settings: Settings) throws -> StorePlace {
        if let postgres = settings.database {
            let engine = try PostgresEngine(settings: postgres)
            return StorePlace(store: engine, blobs: PostgresBlobStore(engine: engine, cacheDirectory: settings.blobCacheDirectory),
                              verpKey: try engine.verpKey())
        }
        let fm = FileManager.default
        guard fm.fileExists(atPath: settings.databasePath), fm.fileExists(atPath: settings.verpKeyPath.path) else {
            throw InvalidInput("no LedgerMail data directory at \(settings.dataDirectory.path): run `ledgermail init` first")
        }
        return StorePlace(store: try LedgerDatabase(path: settings.databasePath), blobs: BlobStore(directory: settings.blobDirectory),
                          verpKey: try Data(contentsOf: settings.verpKeyPath))
    }
}
