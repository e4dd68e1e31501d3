/// `review` of a document that does not wait for a person.
public struct DocumentNotHeld: Error, Sendable, Equatable, CustomStringConvertible {
    public let id: Int64
    public var description: String { "document \(id) is not held: nothing to review" }
}
