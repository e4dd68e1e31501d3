/// `review` of a document that does not wait for a person.
struct DocumentNotHeld: RefusedRequest, Equatable {
    public let id: Int64
    public var description: String { "document \(id) is not held: nothing to review" }
    public var refusal: Refusal { .conflict }
}
