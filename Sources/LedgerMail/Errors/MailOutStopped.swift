/// `mail-out` stopped at a part the server did not take: which parts went before it, and how
/// to send the rest without sending those again.
public struct MailOutStopped: Error, Sendable, CustomStringConvertible {
    public let failedPart: Int
    public let firstPart: Int
    public let parts: Int
    public let reason: String

    public var description: String {
        let before = failedPart == firstPart ? "nothing went out"
            : firstPart == failedPart - 1 ? "part \(firstPart) went out" : "parts \(firstPart)–\(failedPart - 1) went out"
        return "part \(failedPart) of \(parts) was not sent (\(reason)); \(before). "
            + "Run again with --from-part \(failedPart) (same period, cap and --zip) to send the rest"
    }
}
