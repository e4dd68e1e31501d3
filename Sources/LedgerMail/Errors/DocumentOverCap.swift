/// One document's files alone make a mail larger than the cap a mail-out was given: it is never
/// truncated, and nothing was sent.
struct DocumentOverCap: Error, Sendable, Equatable, CustomStringConvertible {
    public let number: String
    public let size: ByteSize
    public let cap: ByteSize
    public var description: String {
        "document \(number.singleLine) alone is \(size), over the \(cap) cap: nothing was sent; give a larger --max-size"
    }
}
