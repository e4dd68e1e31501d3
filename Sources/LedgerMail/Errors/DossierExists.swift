/// `dossier add` with a name already taken.
struct DossierExists: Error, Sendable, Equatable, CustomStringConvertible {
    public let name: String
    public var description: String { "a dossier named '\(name)' already exists: `ledgermail dossier set \(name)` changes it" }
}
