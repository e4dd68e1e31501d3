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
        while !Task.isShuttingDownGracefully {
            await gateway.runOnce()
            // The wait between passes ends at once on SIGTERM; a pass itself is never cut mid-mail.
            let interval = self.interval
            _ = try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
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
            do { report.send = try await send(dossier: nil, selection: .due) } catch {
                report.errors.append("send: \(error)")
                logger.error("send pass failed: \(error)")
            }
        }
        if settings.imap != nil {
            do { report.inbox = try await readInbox() } catch {
                report.errors.append("inbox: \(error)")
                logger.error("inbox pass failed: \(error)")
            }
        }
        return report
    }
}
