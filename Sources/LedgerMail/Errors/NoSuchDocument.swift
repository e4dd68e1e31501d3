/// A command names a document the dossier does not have.
struct NoSuchDocument: Error, Sendable, Equatable, CustomStringConvertible {
    public let dossier: String
    public let id: Int64
    public var description: String { "dossier '\(dossier)' has no document \(id)" }
}
