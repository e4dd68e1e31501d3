/// A change to an archived dossier: its documents and history are kept read-only.
struct DossierArchived: Error, Sendable, CustomStringConvertible {
    public let dossier: String
    public var description: String { "dossier '\(dossier)' is archived: its documents and history are read-only" }
}
