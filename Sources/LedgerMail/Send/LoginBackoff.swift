import Foundation
import Synchronization

/// When `run` may try to log in to the SMTP server again after a refusal: `retry.first`, then
/// twice as long each time, up to `retry.maximum`. Kept for the life of the process; a `send`
/// from the command line always tries once.
final class LoginBackoff: Sendable {
    private let state = Mutex<(refusals: Int, retryAt: Date?)>((0, nil))

    /// The moment before which no login should be tried, or nil when one may be tried now.
    func waitUntil(now: Date) -> Date? {
        state.withLock { state in state.retryAt.flatMap { $0 > now ? $0 : nil } }
    }

    /// Notes a refusal; returns the time of the next try.
    func refused(now: Date, policy: RetryPolicy) -> Date {
        state.withLock { state in
            state.refusals += 1
            let next = now.addingTimeInterval(policy.delay(afterAttempts: state.refusals))
            state.retryAt = next
            return next
        }
    }

    /// A session got through: the next refusal starts from `retry.first` again.
    func accepted() {
        state.withLock { $0 = (0, nil) }
    }
}
