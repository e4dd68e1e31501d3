import Foundation
import Logging
import ServiceLifecycle

/// `ledgermail run`: sends what falls due and reads the inbox, pass after pass, until
/// SIGTERM / SIGINT. A pass in flight finishes its current mail before the service stops.
public struct GatewayService: Service {
    let gateway: Gateway
    let interval: Duration

    public init(gateway: Gateway, interval: Duration = .seconds(30)) {
        self.gateway = gateway
        self.interval = interval
    }

    public func run() async throws {
        gateway.logger.event("start", "ledgermail run started (a pass every \(interval))")
        defer { gateway.logger.event("stop", "ledgermail run stopped") }
        var failures = 0
        while !Task.isShuttingDownGracefully {
            let report = await gateway.runOnce()
            // A server that keeps failing is retried less and less often (up to 10 minutes).
            failures = report.errors.isEmpty ? 0 : min(failures + 1, 5)
            let wait = failures == 0 ? interval : min(interval * (1 << failures), .seconds(600))
            // SIGTERM ends the wait (within one IDLE slice); a pass itself is never cut mid-mail.
            let healthy = failures == 0
            _ = try? await cancelWhenGracefulShutdown { [gateway] in
                let started = ContinuousClock.now
                // New mail wakes the service early (IMAP IDLE, one session for the whole wait);
                // SIGTERM ends the wait within one IDLE slice. Without IDLE it just sleeps.
                if healthy, gateway.settings.imap != nil {
                    let seconds = Int((wait - .seconds(2)).components.seconds)
                    if seconds > 0, (try? await gateway.inboxReader.waitForNewMail(seconds: seconds)) == true { return }
                }
                let left = wait - (ContinuousClock.now - started)
                if left > .zero { try await Task.sleep(for: left) }
            }
        }
    }
}

/// What one pass of `run` did.
public struct PassReport: Sendable {
    public var send: SendReport?
    public var inbox: InboxReport?
    public var errors: [String] = []
}

extension Gateway {
    /// One pass: send what is due, then read the inbox. A part that cannot run (no SMTP or
    /// IMAP configured, a server down) is reported and does not stop the other.
    @discardableResult
    public func runOnce() async -> PassReport {
        var report = PassReport()
        if settings.smtp != nil {
            let (sent, error) = await outbox.sendDue()
            report.send = sent
            if let error { report.errors.append(error) }
        }
        if settings.imap != nil {
            do {
                let inbox = try await inboxReader.readNewMail()
                report.inbox = inbox
                logger.event("inbox", level: inbox.read == 0 ? .debug : .info,
                             "inbox pass: \(inbox.read) read, \(inbox.bounces) bounce(s) applied, \(inbox.unmatched) unmatched")
            } catch {
                report.errors.append("inbox: \(error)")
                logger.error("inbox pass failed: \(error)")
            }
        }
        if settings.smtp != nil { report.errors += await digests.sendDue() }
        return report
    }
}
