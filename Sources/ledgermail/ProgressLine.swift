import Foundation
import LedgerMail

/// Count, rate and ETA of a long send, redrawn in place on a terminal; nothing when piped.
final class ProgressLine: Sendable {
    private let start = Date()
    private let enabled = isatty(STDOUT_FILENO) == 1 && isatty(STDERR_FILENO) == 1

    /// The callback for `Gateway.send`, or nil when there is no terminal to draw on.
    var callback: SendProgress? {
        guard enabled else { return nil }
        return { [start] done, total in
            let elapsed = max(Date().timeIntervalSince(start), 0.001)
            let rate = Double(done) / elapsed
            let eta = rate > 0 ? Double(total - done) / rate : 0
            let line = String(format: "\r  %d/%d  %.1f/s  ETA %.0fs ", done, total, rate, eta)
            FileHandle.standardError.write(Data((done == total ? line + "\n" : line).utf8))
        }
    }
}
