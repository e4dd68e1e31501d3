import Foundation

/// Where documents' bytes live, content addressed by their SHA-256: files under the data
/// directory (`BlobStore`, with SQLite), or the database itself (PostgreSQL, so that workers on
/// several machines share them). Bytes are stored before the row that names them, so a crash
/// leaves at worst a file nobody names, never a row without its file.
protocol BlobStorage: Sendable {
    /// Stores `data`; its hash.
    @discardableResult func put(_ data: Data) throws -> String
    /// Stores every piece at once (one flush); their hashes.
    @discardableResult func putAll(_ pieces: [Data]) throws -> [String]
    /// The bytes, checked against their hash (`StoredFileChanged` when they differ).
    func get(_ hash: String) throws -> Data
    /// The size, without reading the bytes.
    func size(of hash: String) throws -> Int64
    /// Removes bytes no row names any more; already gone is fine.
    func remove(_ hash: String) throws
    /// The bytes as an attachment: in memory, or over `threshold` a file read as the mail goes out.
    func source(_ hash: String, streamingOver threshold: Int?) throws -> AttachmentSource
    /// Clears what an interrupted store left half-written; how many pieces.
    func removeAbandonedTemporaryFiles() -> Int
}

extension BlobStore: BlobStorage {
    func removeAbandonedTemporaryFiles() -> Int { removeAbandonedTemporaryFiles(olderThan: 3600, now: Date()) }
}
