import Synchronization

/// The deliveries of one send pass, handed out one at a time to its SMTP sessions, in order.
/// A lock, not an actor: each session's loop runs on its own thread and takes the next delivery
/// without a hop to another thread (on a busy two-core machine each hop cost about a millisecond).
final class SendQueue: Sendable {
    private struct Counts {
        var taken = 0
        var done = 0
    }

    private let ids: [Int64]
    private let counts = Mutex(Counts())
    private let progress: SendProgress?

    init(_ ids: [Int64], progress: SendProgress?) {
        self.ids = ids
        self.progress = progress
    }

    func next() -> Int64? {
        counts.withLock { counts in
            guard counts.taken < ids.count else { return nil }
            counts.taken += 1
            return ids[counts.taken - 1]
        }
    }

    var hasMore: Bool { counts.withLock { $0.taken < ids.count } }

    /// One delivery dealt with (sent or not): reported to the progress line, in order.
    func finished() {
        counts.withLock { counts in
            counts.done += 1
            progress?(counts.done, ids.count)
        }
    }
}
