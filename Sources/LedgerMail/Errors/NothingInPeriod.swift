/// A period-wide action (mail-out) found no document of the dossier in the period.
struct NothingInPeriod: Error, Sendable, Equatable, CustomStringConvertible {
    public let dossier: String
    public let period: String
    public var description: String { "dossier '\(dossier.singleLine)' has no documents in \(period)" }
}
