import Foundation
import ServiceLifecycle

/// Sends waiting deliveries over SMTP. Each pass is a worker of its own: it sends a delivery
/// only after claiming it (`DeliveryClaim`), so any number of passes — in one process, several
/// `run` processes, on PostgreSQL several machines — never send one delivery twice.
public struct SendPass: Sendable {
    let services: GatewayServices

    /// Sends what is due (or the selection) for one dossier, or all dossiers when nil, over up to
    /// `smtp.connections` SMTP sessions: the first alone until a mail shows its login works (a
    /// wrong password costs one attempt), then the others join. A graceful shutdown stops the
    /// pass after the mails in flight (one per session: at most those go again after a crash).
    public func send(dossier: String?, selection: SendSelection, progress: SendProgress? = nil) async throws -> SendReport {
        let settings = services.settings
        let server = try settings.requireSMTP()
        let bounceAddress = try settings.requireBounceAddress()
        if let dossier { _ = try services.store.read { tx in try tx.requireDossier(dossier) } }
        let worker = SendWorker.new()
        try takeOverDeadWorkers()

        let now = services.clock()
        let ids = try services.store.read { tx in try tx.claimable(dossier: dossier, selection: selection, now: now) }
        guard !ids.isEmpty else { return SendReport() }
        let work = SendQueue(ids, progress: progress)
        let session = SendSession(services: services, worker: worker, bounceAddress: bounceAddress)
        let first = try SMTPClient(server: server)
        var report = try await session.drain(work, over: first, untilLoggedIn: server.connections > 1)
        guard server.connections > 1, report.loggedIn, work.hasMore else { return report }
        let clients = try [first] + (1..<server.connections).map { _ in try SMTPClient(server: server) }
        try await withThrowingTaskGroup(of: SendReport.self) { group in
            for client in clients {
                group.addTask { try await session.drain(work, over: client, untilLoggedIn: false) }
            }
            for try await part in group { report.absorb(part) }
        }
        return report
    }

    /// `run`'s send: what is due, unless a refused login asks to wait. Returns the report, or
    /// the error line of a pass that could not run.
    func sendDue() async -> (SendReport?, String?) {
        let logger = services.logger
        let backoff = services.loginBackoff
        if let wait = backoff.waitUntil(now: services.clock()) {
            logger.info("the SMTP login was refused: sending waits until \(wait)")
            return (nil, nil)
        }
        do {
            let sent = try await send(dossier: nil, selection: .due)
            if sent.connections > 0 { backoff.accepted() }
            return (sent, nil)
        } catch let refused as SMTPLoginRefused {
            let next = backoff.refused(now: services.clock(), policy: services.settings.retry)
            logger.error("send pass stopped: \(refused); next login at \(next)")
            return (nil, "send: \(refused)")
        } catch {
            logger.error("send pass failed: \(error)")
            return (nil, "send: \(error)")
        }
    }

    /// Claims held by a process of this machine that is gone (killed, crashed) need not wait for
    /// their lease: they go again now, with the same Message-ID, so at most that mail repeats.
    private func takeOverDeadWorkers() throws {
        let now = services.clock()
        let gone = try services.store.read { tx in try tx.claimHolders() }.filter(SendWorker.isGoneFromThisMachine)
        guard !gone.isEmpty else { return }
        let count = try services.store.writeLocking { tx in try gone.reduce(0) { $0 + (try tx.expireClaims(of: $1, now: now)) } }
        if count > 0 { services.logger.warning("\(count) delivery(ies) were interrupted while sending: they go again") }
    }
}

/// One SMTP session's share of a pass: takes deliveries from the queue until none is left.
private struct SendSession: Sendable {
    let services: GatewayServices
    let worker: SendWorker
    let bounceAddress: EmailAddress

    /// With `untilLoggedIn`, stops as soon as one mail got past the login. The loop runs whole on
    /// the session's own thread: a mail's claim, transfer and settlement, then the next, with no
    /// hop between threads (each hop waited about a millisecond for a core on a busy machine).
    func drain(_ work: SendQueue, over client: SMTPClient, untilLoggedIn: Bool) async throws -> SendReport {
        let stop = CancellationSignal()
        return try await withTaskCancellationOrGracefulShutdownHandler {
            try await client.run { session in try drain(work, over: session, untilLoggedIn: untilLoggedIn, stop: stop) }
        } onCancelOrGracefulShutdown: {
            stop.raise()
        }
    }

    private func drain(_ work: SendQueue, over session: SMTPClient.Session, untilLoggedIn: Bool,
                       stop: CancellationSignal) throws -> SendReport {
        let claims = DeliveryClaim(services: services, worker: worker)
        let settlement = DeliverySettlement(services: services, worker: worker)
        let logger = services.logger
        var report = SendReport()
        while let id = work.next() {
            // A graceful shutdown, or another session of the pass stopped it (a refused login, a database error).
            if stop.isRaised {
                report.interrupted = true
                break
            }
            switch try claims.take(deliveryID: id) {
            case .none:
                break
            case .refused(let reason, let mail):
                report.failed += 1
                report.problems.append("delivery \(id) failed: \(reason)")
                logger.event("failed", level: .warning, "delivery \(id) failed before sending: \(reason)", mail.fields(reply: reason))
            case .postponed(let reason, let mail):
                report.deferred += 1
                report.problems.append("delivery \(id) deferred: \(reason)")
                logger.event("deferred", level: .notice, "delivery \(id) postponed: \(reason)", mail.fields(reply: reason))
            case .ready(let prepared):
                let envelope = services.verp.envelopeSender(bounceAddress: bounceAddress, deliveryID: id)
                let transfer = session.send(envelopeFrom: envelope, recipients: prepared.recipients, message: prepared.message)
                if let refusal = transfer.loginRefusal {
                    // Nothing went out: the claim is undone, and no other delivery is tried.
                    try settlement.undo(prepared)
                    throw SMTPLoginRefused(reply: refusal, username: services.settings.smtp?.username ?? "")
                }
                report.connections += transfer.newConnections
                // The server answered the mail itself: the session got past its login.
                report.loggedIn = report.loggedIn || !transfer.recipientReplies.isEmpty
                try settlement.record(transfer, deliveryID: id, mail: prepared, into: &report)
            }
            work.finished()
            if untilLoggedIn && report.loggedIn { break }
        }
        return report
    }
}
