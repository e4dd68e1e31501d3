/// A document asked to go to a kind the dossier has no route for.
public struct NoRoute: Error, Sendable, Equatable, CustomStringConvertible {
    public let kind: DocumentKind
    public var description: String { HoldReason.noRouteSentence(kind) }
}
