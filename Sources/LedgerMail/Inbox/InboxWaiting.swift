extension InboxReader {
    /// Waits until new mail arrives in the inbox (IMAP IDLE) or `seconds` pass, on one session:
    /// IDLE is renewed every `slice` seconds (a blocking IDLE cannot be interrupted, so a
    /// cancelled wait ends within one slice) without logging in again. False when nothing came,
    /// or at once when the server has no IDLE, so the caller just polls.
    @discardableResult
    public func waitForNewMail(seconds: Int, slice: Int = 25) async throws -> Bool {
        let server = try services.settings.requireIMAP()
        let cancelled = CancellationSignal()
        return try await withTaskCancellationHandler {
            try await IMAPClient(server: server).withSession { session, server in
                _ = try session.select(server.folder)
                let before = session.selectedCount
                var left = seconds
                while left > 0, !cancelled.isRaised {
                    let wait = min(slice, left)
                    guard let woke = try session.idle(seconds: wait) else { return false }
                    // Mail that came between two IDLEs is only seen in the folder's count.
                    if woke || session.selectedCount > before { return true }
                    left -= wait
                }
                return false
            }
        } onCancel: {
            cancelled.raise()
        }
    }
}
