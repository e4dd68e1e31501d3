/// The deliveries of one send pass, handed out one at a time to its SMTP sessions, in order.
actor SendQueue {
    private let ids: [Int64]
    private var taken = 0
    private var done = 0
    private let progress: SendProgress?

    init(_ ids: [Int64], progress: SendProgress?) {
        self.ids = ids
        self.progress = progress
    }

    func next() -> Int64? {
        guard taken < ids.count else { return nil }
        taken += 1
        return ids[taken - 1]
    }

    var hasMore: Bool { taken < ids.count }

    /// One delivery dealt with (sent or not): reported to the progress line.
    func finished() {
        done += 1
        progress?(done, ids.count)
    }
}
