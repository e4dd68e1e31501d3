/// A kind the dossier has no route for, where a route is needed.
struct NoSuchRoute: Error, Sendable, Equatable, CustomStringConvertible {
    public let dossier: String
    public let kind: DocumentKind
    public var description: String { "dossier '\(dossier)' has no \(kind.rawValue) route" }
}
