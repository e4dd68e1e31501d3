/// A document's stored file is gone from the store (removed by hand, a restore without the
/// files): the database still names it by its SHA-256.
public struct StoredFileMissing: Error, Sendable, CustomStringConvertible {
    public let sha256: String
    /// The store: the blob directory, or the database for PostgreSQL.
    public let store: String
    public var description: String { "stored file \(sha256) is missing from \(store)" }
}
