/// A document whose kind nobody decided yet, asked to go to "its" route.
struct KindUndecided: RefusedRequest, Equatable {
    public let id: Int64
    /// How the user gives the kind in this command.
    public let next: String
    public var description: String { "document \(id) has no kind yet: \(next)" }
    public var refusal: Refusal { .conflict }
}
