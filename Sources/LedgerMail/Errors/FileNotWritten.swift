/// A file of the data directory could not be created, written, moved into place or flushed
/// (permissions, a read-only mount, an I/O error); nothing was recorded as stored.
public struct FileNotWritten: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String {
        "cannot write \(path): \(reason); check that this user may write the data directory"
    }
}
