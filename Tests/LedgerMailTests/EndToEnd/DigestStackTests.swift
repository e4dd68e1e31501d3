import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// The owner's digest on the real stack: a real bounce from Postfix, the digest read back from
/// owner@gateway.test over IMAP.
@Suite("Owner digest on the real stack")
struct DigestStackTests {
    init() { MailStack.reset() }

    static let owner = "owner@gateway.test"

    /// A gateway on a movable clock whose dossier has an owner and a purchase-invoice route.
    func gateway(route: String = "nobody@acct.test", retry: RetryPolicy = RetryPolicy()) throws -> (TestGateway, TestGateway.Clock) {
        let clock = TestGateway.Clock(Date())
        let test = try TestGateway.make(clock: clock, retry: retry)
        try test.addDossier()
        try test.gateway.dossiers.setOwnerEmail(dossier: "acme", Self.owner)
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: [route])
        return (test, clock)
    }

    /// Passes of `run` until the first document's delivery is bounced (Postfix's DSN read back).
    /// `digests: false` runs them on the same store with digest.enabled off, so no digest goes out
    /// before the bounce is in, however late Postfix returns it.
    func passUntilBounced(_ test: TestGateway, clock: TestGateway.Clock, digests: Bool = true, seconds: Double = 30) async throws {
        var settings = test.gateway.settings
        settings.digest.enabled = digests
        let passes = digests ? test.gateway : try Gateway(settings: settings, clock: { clock.now })
        let deadline = Date().addingTimeInterval(seconds)
        while try test.gateway.status(dossier: "acme").first?.deliveries.first?.state != .bounced, Date() < deadline {
            _ = await passes.runOnce()
            try await Task.sleep(for: .milliseconds(300))
        }
    }

    /// The owner's mailbox after a short wait for mail that should not come.
    func settledCount() async throws -> Int {
        try await Task.sleep(for: .seconds(2))
        return try MailStack.count(Self.owner)
    }

    @Test("a bounce → one digest to the owner naming the document and what to do; a second pass with no news → no mail")
    func bounceDigest() async throws {
        let (test, clock) = try gateway()
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        clock.advance(700)   // past dispatch.delay
        try await passUntilBounced(test, clock: clock)
        #expect(try await MailStack.waitForCount(1, in: Self.owner) == 1)
        let bodies = try MailStack.bodies(Self.owner)
        let body = try #require(bodies.first)
        #expect(body.contains("LEV/2026/0815") && body.contains("nobody@acct.test") && body.contains("ledgermail resend acme"), "\(body)")
        #expect(body.contains("Teruggekomen"), "the dossier's language (nl): \(body)")
        clock.advance(7200)   // past digest.interval: only news would make a mail now
        _ = await test.gateway.runOnce()
        #expect(try await settledCount() == 1)
    }

    @Test("two troubles within the interval → one digest; the next, after the interval, has the accountant's reply and only what is new")
    func intervalAndReplies() async throws {
        let (test, clock) = try gateway()
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.unknownParty)   // held: neither party is acme
        clock.advance(700)
        // The held document is trouble from the start: without digests until the bounce is in, a
        // pass could send the first digest before Postfix's DSN arrives, naming only X-77.
        try await passUntilBounced(test, clock: clock, digests: false)
        #expect(try MailStack.count(Self.owner) == 0)
        _ = await test.gateway.runOnce()
        #expect(try await MailStack.waitForCount(1, in: Self.owner) == 1)
        let firstBody = try #require(try MailStack.bodies(Self.owner).first)
        #expect(firstBody.contains("LEV/2026/0815") && firstBody.contains("X-77"), "both troubles in one digest: \(firstBody)")

        let messageID = try #require(try test.gateway.status(dossier: "acme").first?.deliveries.first?.messageID)
        try await StackMail.deliver("""
            From: Boekhouder <boekhouder@acct.test>
            To: bounces@gateway.test
            Subject: Re: factuur LEV/2026/0815
            In-Reply-To: \(messageID)

            Het adres is veranderd: stuur aankopen voortaan naar inkoop@acct.test.
            """, from: "boekhouder@acct.test", to: "bounces@gateway.test")
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["nobody@acct.test"])
        let documentID = try #require(try test.gateway.status(dossier: "acme").first?.id)
        _ = try test.gateway.resend.document(dossier: "acme", documentID: documentID, route: nil)
        try await StackMail.readUntil(test.gateway) {
            try test.gateway.status(dossier: "acme").first?.inbound.contains { $0.kind == .reply } == true
        }
        // A second bounce within the interval: no second mail yet.
        let deadline = Date().addingTimeInterval(30)
        while try test.gateway.status(dossier: "acme").first?.deliveries.last?.state != .bounced, Date() < deadline {
            _ = await test.gateway.runOnce()
            try await Task.sleep(for: .milliseconds(300))
        }
        #expect(try await settledCount() == 1, "at most one digest per digest.interval")

        clock.advance(3601)
        _ = await test.gateway.runOnce()
        #expect(try await MailStack.waitForCount(2, in: Self.owner) == 2)
        let second = try #require(try MailStack.bodies(Self.owner).last)
        #expect(second.contains("Het adres is veranderd"), "the accountant's reply: \(second)")
        #expect(second.contains("LEV/2026/0815") && !second.contains("X-77"), "only what is new: \(second)")
    }

    @Test("a delivery given up after retries, and one refused at once, each told with what to do; a deferral alone is no news")
    func givenUpAndRefused() async throws {
        let (test, clock) = try gateway(route: "defer450@acct.test", retry: RetryPolicy(first: 60, maximum: 60, giveUpAfter: 100))
        try test.gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["reject550@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        clock.advance(700)
        _ = await test.gateway.runOnce()
        #expect(try test.gateway.status(dossier: "acme").first?.deliveries.first?.state == .deferred)
        #expect(try await settledCount() == 0, "a deferral is retried on its own: no digest")

        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.salesInvoice)
        clock.advance(700)
        _ = await test.gateway.runOnce()
        #expect(try test.gateway.status(dossier: "acme").map { $0.deliveries.last?.state } == [.failed, .failed])
        #expect(try await MailStack.waitForCount(1, in: Self.owner) == 1)
        let body = try #require(try MailStack.bodies(Self.owner).first)
        #expect(body.contains("Opgegeven") && body.contains("LEV/2026/0815"), "given up: \(body)")
        #expect(body.contains("Niet verzonden") && body.contains("V2026-0042") && body.contains("550"), "refused: \(body)")
        #expect(body.contains("ledgermail resend acme"), "\(body)")
    }

    @Test("an owner address equal to an import address is refused, both ways")
    func ownerNotImport() throws {
        let (test, _) = try gateway(route: "inkoop@acct.test")
        #expect(throws: OwnerIsImportAddress.self) { try test.gateway.dossiers.setOwnerEmail(dossier: "acme", "INKOOP@acct.test") }
        #expect(throws: InvalidInput.self) {
            try test.gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: [Self.owner])
        }
        #expect(try test.gateway.dossiers.named("acme").ownerEmail?.value == Self.owner)
    }

    @Test("digest --dry-run prints the next digest and sends nothing; digest.enabled false sends none")
    func dryRunAndDisabled() async throws {
        let (test, clock) = try gateway()
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.unknownParty)
        let dry = try #require(try await test.gateway.digests.next(dossier: "acme", dryRun: true))
        #expect(!dry.sent && dry.recipient == Self.owner && dry.text.contains("X-77") && dry.text.contains("ledgermail review acme"))
        #expect(try await test.gateway.digests.next(dossier: "acme", dryRun: true)?.text == dry.text, "a dry run records nothing")

        var settings = test.gateway.settings
        settings.digest.enabled = false
        let disabled = try Gateway(settings: settings, clock: { clock.now })
        _ = await disabled.runOnce()
        #expect(try await settledCount() == 0)

        _ = await test.gateway.runOnce()
        #expect(try await MailStack.waitForCount(1, in: Self.owner) == 1)
        #expect(try await test.gateway.digests.next(dossier: "acme", dryRun: true) == nil, "reported once")
    }
}
}
