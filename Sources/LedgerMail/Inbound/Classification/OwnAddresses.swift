/// The gateway's own addresses: a report is sent *to* them, so they are never a failed recipient,
/// whatever a notice repeats of its own envelope (a provider that quotes "sent by
/// bounces+d7-…@gateway.test" next to the mailbox that failed).
public struct OwnAddresses: Sendable, Equatable {
    /// `bounce.address`: every `local+TOKEN@domain` form of it is ours too (VERP).
    public var bounce: EmailAddress?
    /// Other exact addresses (`reply.address`).
    public var others: Set<String>

    public init(bounce: EmailAddress?, others: [EmailAddress] = []) {
        self.bounce = bounce
        self.others = Set(others.map { $0.value.lowercased() })
    }

    /// Outside an install (`classify` with no config) nothing is known to be ours.
    public static let none = OwnAddresses(bounce: nil)

    public func contains(_ address: String) -> Bool {
        let lowered = address.lowercased()
        if others.contains(lowered) { return true }
        guard let bounce, let at = lowered.lastIndex(of: "@") else { return false }
        let local = lowered[..<at], domain = lowered[lowered.index(after: at)...]
        guard domain == bounce.domain.lowercased() else { return false }
        let base = bounce.localPart.lowercased()
        return local == base || local.hasPrefix(base + "+")
    }
}
