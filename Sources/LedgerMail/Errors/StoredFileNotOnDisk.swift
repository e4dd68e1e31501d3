/// A download asked for a stored file as a file on disk, and the store keeps its bytes elsewhere
/// (in the database, with PostgreSQL).
public struct StoredFileNotOnDisk: Error, Sendable, CustomStringConvertible {
    public let sha256: String
    public var description: String { "stored file \(sha256) is not a file on disk here, so it cannot be streamed from one" }
}
