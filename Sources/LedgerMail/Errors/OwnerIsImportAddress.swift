/// The owner's address (where the digest goes) would be one of the dossier's import addresses:
/// a digest there would be booked as a document.
struct OwnerIsImportAddress: Error, Sendable, Equatable, CustomStringConvertible {
    public let owner: EmailAddress
    public let kind: DocumentKind
    public let dossier: String
    public var description: String {
        "--owner-email \(owner) is the import address of \(kind.rawValue) in '\(dossier)': the digest would be booked as a document there; give the owner's own address"
    }
}
