import Foundation
import Testing
@testable import LedgerMail

/// Many send workers on one store: a delivery goes out only under a claim, and a claim holds
/// for its lease, no longer.
@Suite("Claim leases")
struct ClaimLeaseTests {
    let clock: TestGateway.Clock
    let test: TestGateway
    var gateway: Gateway { test.gateway }
    let deliveryID: Int64

    init() throws {
        let clock = TestGateway.Clock(Date(timeIntervalSince1970: 1_800_000_000))
        let test = try TestGateway.make(smtp: nil, imap: nil, clock: clock)
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        let waiting = try test.gateway.services.store.read { tx in
            try tx.claimable(dossier: "acme", selection: .everythingWaiting, now: clock.now)
        }
        deliveryID = try #require(waiting.first)
        (self.clock, self.test) = (clock, test)
    }

    func take(_ worker: SendWorker) throws -> PreparedMail? {
        guard case .ready(let mail)? = try DeliveryClaim(services: gateway.services, worker: worker).take(deliveryID: deliveryID) else { return nil }
        return mail
    }

    func delivery() throws -> DeliveryRecord {
        try #require(try gateway.services.store.read { tx in try tx.delivery(id: deliveryID) })
    }

    static let accepted = SMTPTransfer(outcome: .accepted(SMTPReply(code: 250, text: "250 2.0.0 Ok")), recipientReplies: [:],
                                       newConnections: 0)

    @Test("a claimed delivery is not claimed by a second worker while the lease holds")
    func claimHolds() throws {
        let (first, second) = (SendWorker.new(), SendWorker.new())
        #expect(try take(first) != nil)
        clock.advance(SendWorker.lease - 1)
        #expect(try take(second) == nil)
        let claimed = try delivery()
        #expect(claimed.state == .sending && claimed.claimedBy == first.id && claimed.attempts == 1)
        #expect(try gateway.services.store.read { tx in try tx.claimable(dossier: nil, selection: .due, now: clock.now) }.isEmpty)
    }

    @Test("a claim whose lease expired is taken over, with the same Message-ID and one attempt more")
    func expiredLeaseTakenOver() throws {
        let (first, second) = (SendWorker.new(), SendWorker.new())
        let mail = try #require(try take(first))
        let messageID = try delivery().messageID
        clock.advance(SendWorker.lease + 1)
        #expect(try gateway.services.store.read { tx in try tx.claimable(dossier: nil, selection: .due, now: clock.now) } == [deliveryID])
        #expect(try take(second) != nil)
        let taken = try delivery()
        #expect(taken.claimedBy == second.id && taken.messageID == messageID && taken.attempts == 2)
        _ = mail
    }

    @Test("a settle from a worker whose claim was taken over changes nothing")
    func lateSettleChangesNothing() throws {
        let (first, second) = (SendWorker.new(), SendWorker.new())
        let late = try #require(try take(first))
        clock.advance(SendWorker.lease + 1)
        let current = try #require(try take(second))
        let before = try delivery()
        var report = SendReport()
        try DeliverySettlement(services: gateway.services, worker: first).record(Self.accepted, deliveryID: deliveryID, mail: late, into: &report)
        #expect(report.sent == 0 && report.problems.first?.contains("another worker took it over") == true, "\(report.problems)")
        let after = try delivery()
        #expect(after.state == .sending && after.claimedBy == second.id && after.updatedAt == before.updatedAt)
        // The worker that holds the claim settles it.
        try DeliverySettlement(services: gateway.services, worker: second).record(Self.accepted, deliveryID: deliveryID, mail: current,
                                                                               into: &report)
        let settled = try delivery()
        #expect(report.sent == 1 && settled.state == .sent && settled.claimedBy == nil && settled.leaseUntil == nil)
    }

    @Test("a claim of a process of this machine that is gone is taken over at once")
    func deadProcessClaimExpires() throws {
        // A finished child's process id names a worker that is surely gone.
        let child = Process()
        child.executableURL = URL(fileURLWithPath: "/bin/true")
        try child.run()
        child.waitUntilExit()
        let mine = SendWorker.new().id.split(separator: "/")
        let dead = SendWorker(id: "\(mine[0])/\(child.processIdentifier)/gone")
        #expect(try take(dead) != nil)
        #expect(SendWorker.isGoneFromThisMachine(dead.id))
        #expect(!SendWorker.isGoneFromThisMachine(SendWorker.new().id), "this process is alive")
        #expect(!SendWorker.isGoneFromThisMachine("elsewhere.example/\(child.processIdentifier)/x"), "another machine's is left to its lease")
        #expect(try gateway.services.store.write { tx in try tx.expireClaims(of: dead.id, now: clock.now) } == 1)
        #expect(try take(SendWorker.new()) != nil)
    }
}

extension RealStack {
    @Suite("Many send workers")
    struct ManySendWorkersTests {
        init() { MailStack.reset() }

        @Test("two send passes at once on one store never send a delivery twice")
        func twoPassesAtOnce() async throws {
            let test = try TestGateway.make(imap: nil)
            try test.addDossier()
            try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["batch@acct.test"])
            let directory = test.directory.appendingPathComponent("twice")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in try Samples.purchaseInvoices(40, in: directory) { _ = try test.gateway.imports.file(dossier: "acme", file: file) }
            // A second gateway on the same data directory: another process, as far as the store knows.
            let other = try Gateway(settings: test.gateway.settings)
            async let first = test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
            async let second = other.outbox.send(dossier: nil, selection: .everythingWaiting)
            let reports = try await [first, second]
            #expect(reports.map(\.sent).reduce(0, +) == 40, "\(reports.map(\.problems))")
            #expect(try await MailStack.waitForCount(40, in: "batch@acct.test") == 40)
            try await Task.sleep(for: .seconds(1))
            let messages = try MailStack.fetch("batch@acct.test")
            #expect(messages.count == 40 && Set(messages.map(\.message_id)).count == 40)
            let states = try test.gateway.status(dossier: "acme").flatMap(\.deliveries).map(\.state)
            #expect(states.count == 40 && states.allSatisfy { $0 == .sent })
        }
    }
}
