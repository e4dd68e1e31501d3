import Crypto
import Foundation
import PostgresNIO

/// `BlobStore`'s operations with the bytes in the database's `blob` table, content addressed
/// by SHA-256, so every worker on every machine reads the same documents. What must be a file
/// (an attachment streamed into a mail) is materialised into a local cache directory.
struct PostgresBlobStore: BlobStorage {
    let engine: PostgresEngine
    /// Where blobs become files: `<cache>/ab/cdef…`, like `BlobStore`'s layout.
    let cacheDirectory: URL
    /// Bytes fetched per statement when a blob is copied into the cache.
    static let pieceSize = 1 << 20

    /// Stores `data` and returns its hash.
    @discardableResult
    func put(_ data: Data) throws -> String { try putAll([data])[0] }

    /// Stores every piece in one transaction and returns their hashes. The same bytes stored
    /// twice, or by two workers at once, are one row: the later INSERT does nothing.
    @discardableResult
    func putAll(_ pieces: [Data]) throws -> [String] {
        let hashes = pieces.map(BlobStore.sha256Hex)
        try engine.write(isolation: .readCommitted) { transaction in
            for (hash, data) in zip(hashes, pieces) {
                try transaction.execute(#"INSERT INTO "blob" ("sha256", "bytes", "size") VALUES ($1, $2, $3) ON CONFLICT ("sha256") DO NOTHING"#,
                                        try .of(hash, data, Int64(data.count)))
            }
        }
        return hashes
    }

    /// Stores the file at `url` (read whole: documents are bounded by `limits.document_bytes`).
    @discardableResult
    func put(contentsOf url: URL) throws -> String { try put(try Data(contentsOf: url)) }

    /// The bytes stored under `hash`, checked against it as `BlobStore.get` does.
    func get(_ hash: String) throws -> Data {
        guard let data = try engine.read({ try $0.fetchValue(Data.self, #"SELECT "bytes" FROM "blob" WHERE "sha256" = $1"#, try .of(hash)) }) else {
            throw StoredFileMissing(sha256: hash, store: "the database \(engine.settings)")
        }
        guard BlobStore.sha256Hex(data) == hash else { throw StoredFileChanged(path: "blob \(hash) in \(engine.settings)", sha256: hash) }
        return data
    }

    /// The size of the bytes stored under `hash`, without reading them.
    func size(of hash: String) throws -> Int64 {
        guard let size = try engine.read({ try $0.fetchValue(Int64.self, #"SELECT "size" FROM "blob" WHERE "sha256" = $1"#, try .of(hash)) }) else {
            throw StoredFileMissing(sha256: hash, store: "the database \(engine.settings)")
        }
        return size
    }

    /// Removes a blob no row refers to any more. Already gone is fine.
    func remove(_ hash: String) throws {
        try engine.write { try $0.execute(#"DELETE FROM "blob" WHERE "sha256" = $1"#, try .of(hash)) }
    }

    /// The bytes as an attachment: in memory, or (over `threshold`) a file in the cache.
    func source(_ hash: String, streamingOver threshold: Int?) throws -> AttachmentSource {
        if let threshold {
            let count = try size(of: hash)
            if count > threshold { return .file(try fileURL(for: hash), count: Int(count)) }
        }
        return .memory(try get(hash))
    }

    /// A local file holding the blob, for what reads files: copied from the database a piece at
    /// a time (never whole in memory), hashed on the way, written to a temporary file and
    /// renamed into place only when its SHA-256 matches. A file already there is checked again.
    func fileURL(for hash: String) throws -> URL {
        let cache = BlobStore(directory: cacheDirectory)
        let target = cache.url(for: hash)
        if FileManager.default.fileExists(atPath: target.path) {
            if (try? Self.sha256(ofFile: target)) == hash { return target }
            try? FileManager.default.removeItem(at: target)
        }
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(BlobStore.temporaryName())
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw FileNotWritten(path: temporary.path, reason: "cannot create it")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            var hasher = SHA256()
            try engine.read { transaction in
                guard let size = try transaction.fetchValue(Int64.self, #"SELECT "size" FROM "blob" WHERE "sha256" = $1"#, try .of(hash)) else {
                    throw StoredFileMissing(sha256: hash, store: "the database \(engine.settings)")
                }
                var offset: Int64 = 0
                while offset < size {
                    // substring counts from 1.
                    let piece = try transaction.fetchValue(Data.self, #"SELECT substring("bytes" FROM $2::integer FOR $3::integer) FROM "blob" WHERE "sha256" = $1"#,
                                                           try .of(hash, offset + 1, Int64(Self.pieceSize))) ?? Data()
                    guard !piece.isEmpty else { break }
                    hasher.update(data: piece)
                    try handle.write(contentsOf: piece)
                    offset += Int64(piece.count)
                }
            }
            try handle.synchronize()
            guard Hex.lowercase(hasher.finalize()) == hash else { throw StoredFileChanged(path: "blob \(hash) in \(engine.settings)", sha256: hash) }
            guard rename(temporary.path, target.path) == 0 else {
                throw FileNotWritten(path: target.path, reason: String(cString: strerror(errno)))
            }
            return target
        } catch {
            unlink(temporary.path)
            throw error
        }
    }

    /// The SHA-256 of a file, read a piece at a time.
    static func sha256(ofFile file: URL) throws -> String {
        let handle = try FileHandle(forReadingFrom: file)
        defer { try? handle.close() }
        var hasher = SHA256()
        while let piece = try handle.read(upToCount: pieceSize), !piece.isEmpty { hasher.update(data: piece) }
        return Hex.lowercase(hasher.finalize())
    }
}

extension PostgresBlobStore {
    /// Temporary files an interrupted copy into the cache left behind (the bytes are safe in
    /// the database); how many.
    func removeAbandonedTemporaryFiles() -> Int {
        BlobStore(directory: cacheDirectory).removeAbandonedTemporaryFiles(olderThan: 3600, now: Date())
    }
}
