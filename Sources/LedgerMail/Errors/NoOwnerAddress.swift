/// A digest was asked for a dossier that has no owner address to send it to.
struct NoOwnerAddress: Error, Sendable, Equatable, CustomStringConvertible {
    public let dossier: String
    public var description: String {
        "dossier '\(dossier.singleLine)' has no owner address: give one with `ledgermail dossier set \(dossier.singleLine) --owner-email ADDRESS`"
    }
}
