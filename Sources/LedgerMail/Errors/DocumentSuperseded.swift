/// A command names a document a newer version replaced: it acts on the newest one.
struct DocumentSuperseded: RefusedRequest, Equatable {
    public let id: Int64
    public let newer: Int64
    /// What to do with the newer one (`review`, `resend`).
    public let next: String
    public var description: String { "document \(id) was replaced by a newer version (document \(newer)): \(next) that one" }
    public var refusal: Refusal { .conflict }
}
