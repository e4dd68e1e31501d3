/// The lock file that keeps one sender (or inbox reader) per data directory could not be
/// opened or taken for another reason than someone holding it.
struct LockUnavailable: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "cannot lock \(path): \(reason)" }
}
