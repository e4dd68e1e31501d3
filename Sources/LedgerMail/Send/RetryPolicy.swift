import Foundation

/// When a temporarily failed delivery is tried again (`retry.*`): Postfix's defaults, 5
/// minutes doubling up to about 67, given up 5 days after the first attempt.
public struct RetryPolicy: Sendable, Equatable {
    /// `retry.first`: seconds before the first retry.
    public var first: TimeInterval
    /// `retry.maximum`: the longest wait between two attempts.
    public var maximum: TimeInterval
    /// `retry.give_up_after`: seconds after the first attempt when a delivery is `failed`.
    public var giveUpAfter: TimeInterval

    public init(first: TimeInterval = 300, maximum: TimeInterval = 4000, giveUpAfter: TimeInterval = 5 * 86_400) {
        self.first = first
        self.maximum = maximum
        self.giveUpAfter = giveUpAfter
    }

    /// How a given-up delivery's last reply begins: the digest tells it apart from a refusal.
    static let gaveUpPrefix = "gave up after"

    /// The time of the next attempt after `attempts` tries, or nil to give up.
    public func nextAttempt(attempts: Int, firstAttempt: Date, now: Date) -> Date? {
        let next = now.addingTimeInterval(delay(afterAttempts: attempts))
        return next.timeIntervalSince(firstAttempt) > giveUpAfter ? nil : next
    }

    /// The wait after `attempts` tries: `first`, doubling, never over `maximum`.
    func delay(afterAttempts attempts: Int) -> TimeInterval {
        min(maximum, first * pow(2, Double(min(40, max(0, attempts - 1)))))
    }
}
