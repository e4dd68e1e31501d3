/// What `inspect --json` prints for a file it could not read.
public struct InspectionError: Error, Encodable, Sendable, Equatable {
    public var file: String
    /// A sentence for people, e.g. `UBLReadError.description`.
    public var error: String

    public init(file: String, error: String) {
        self.file = file
        self.error = error
    }
}
