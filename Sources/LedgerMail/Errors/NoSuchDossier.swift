/// A command names a dossier that does not exist.
struct NoSuchDossier: Error, Sendable, Equatable, CustomStringConvertible {
    public let name: String
    public var description: String { "no dossier named '\(name.singleLine)': `ledgermail dossier add` creates one" }
}
