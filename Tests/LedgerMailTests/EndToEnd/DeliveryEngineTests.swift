import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// The queue on real servers: dispatch timing (injected clock), retries, refusals, outages,
/// versions, size caps and batches over one connection.
@Suite("Delivery engine")
struct DeliveryEngineTests {
    init() { MailStack.reset() }

    static let monday = ISO8601DateFormatter().date(from: "2026-11-16T09:00:00Z")!

    func gateway(clock: TestGateway.Clock? = nil, dispatch: DispatchPolicy = .afterTenMinutes,
                 route kind: DocumentKind = .purchaseInvoice, to addresses: [String] = ["inkoop@acct.test"],
                 attach: AttachPolicy = .both, maxSize: ByteSize? = nil, smtp: SMTPServer = MailStack.smtp) throws -> TestGateway {
        let test = try TestGateway.make(smtp: smtp, imap: nil, clock: clock)
        try test.addDossier(dispatch: dispatch)
        try test.gateway.routes.set(dossier: "acme", kind: kind, addresses: addresses, attach: attach, maxSize: maxSize)
        return test
    }

    func state(_ test: TestGateway) throws -> DeliveryStatus {
        try #require(try test.gateway.status(dossier: "acme").first?.deliveries.first)
    }

    @Test("after-10-minutes: nothing before the delay, sent once it has passed")
    func afterTenMinutes() async throws {
        let clock = TestGateway.Clock(Self.monday)
        let test = try gateway(clock: clock)
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        clock.advance(599)
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .due).sent == 0)
        clock.advance(2)
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .due).sent == 1)
        #expect(try await MailStack.waitForCount(1, in: "inkoop@acct.test") == 1)
    }

    @Test("end-of-month: due at the first moment of next month in Brussels")
    func endOfMonth() async throws {
        let clock = TestGateway.Clock(Self.monday)
        let test = try gateway(clock: clock, dispatch: .endOfMonth)
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        let due = try #require(try state(test).dueAt)
        #expect(due == ISO8601DateFormatter().date(from: "2026-11-30T23:00:00Z"), "1 December 00:00 in Brussels (UTC+1)")
        clock.advance(due.timeIntervalSince(clock.now) - 1)
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .due).sent == 0)
        clock.advance(1)
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .due).sent == 1)
    }

    @Test("never: pending, untouched by due sends however late, sent by send --now")
    func never() async throws {
        let clock = TestGateway.Clock(Self.monday)
        let test = try gateway(clock: clock, dispatch: .never)
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        #expect(try state(test).state == .pending)
        clock.advance(90 * 86_400)
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .due).sent == 0)
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting).sent == 1)
    }

    @Test("a route's dispatch overrides its dossier's")
    func routeOverride() throws {
        let test = try gateway(dispatch: .never)
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"], dispatch: .afterTenMinutes)
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        #expect(try state(test).state == .scheduled)
    }

    @Test("450 then success: deferred with the server's reply, retried after the backoff, sent once")
    func deferredThenSent() async throws {
        MailStack.flaky(true)
        defer { MailStack.flaky(false) }
        let clock = TestGateway.Clock(Self.monday)
        let test = try gateway(clock: clock, to: ["flaky@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        let first = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(first.deferred == 1)
        var delivery = try state(test)
        #expect(delivery.state == .deferred && delivery.recipients.first?.smtpReply?.hasPrefix("450") == true)
        #expect(delivery.dueAt == clock.now.addingTimeInterval(300), "first retry after 5 minutes")
        MailStack.flaky(false)
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .due).sent == 0, "not before its time")
        clock.advance(300)
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .due).sent == 1)
        delivery = try state(test)
        #expect(delivery.state == .sent && delivery.attempts == 2)
        #expect(try await MailStack.waitForCount(1, in: "flaky@acct.test") == 1)
    }

    @Test("550: failed at once, the server's text kept")
    func permanentRefusal() async throws {
        let test = try gateway(to: ["reject550@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.failed == 1)
        let delivery = try state(test)
        #expect(delivery.state == .failed && delivery.lastReply?.contains("550") == true)
        #expect(delivery.recipients.first?.state == .failed)
    }

    @Test("some RCPT TO refused: the others get it, a result per recipient")
    func partialRefusal() async throws {
        let test = try gateway(to: ["inkoop@acct.test", "reject550@acct.test", "defer450@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.sent == 1)
        let delivery = try state(test)
        let byAddress = Dictionary(uniqueKeysWithValues: delivery.recipients.map { ($0.address, $0) })
        #expect(byAddress["inkoop@acct.test"]?.state == .sent)
        #expect(byAddress["reject550@acct.test"]?.state == .failed && byAddress["reject550@acct.test"]?.smtpReply?.hasPrefix("550") == true)
        #expect(byAddress["defer450@acct.test"]?.state == .deferred && byAddress["defer450@acct.test"]?.smtpReply?.hasPrefix("450") == true)
        #expect(try await MailStack.waitForCount(1, in: "inkoop@acct.test") == 1)
        // The 4xx recipient is not forgotten: a follow-up delivery retries it alone.
        let deliveries = try #require(try test.gateway.status(dossier: "acme").first?.deliveries)
        #expect(deliveries.count == 2 && deliveries[1].state == .deferred && deliveries[1].dueAt != nil)
        let retry = try await test.gateway.outbox.send(dossier: "acme", selection: .only([deliveries[1].id]))
        #expect(retry.deferred == 1)
        let again = try #require(try test.gateway.status(dossier: "acme").first?.deliveries.last)
        #expect(again.recipients.map(\.address) == ["defer450@acct.test"], "only the deferred recipient is tried again")
        try await Task.sleep(for: .seconds(1))
        #expect(try MailStack.count("inkoop@acct.test") == 1, "the others do not get it twice")
    }

    @Test("SMTP server down then up: deferred, then all delivered")
    func outage() async throws {
        let clock = TestGateway.Clock(Self.monday)
        let test = try gateway(clock: clock)
        let directory = test.directory.appendingPathComponent("batch")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in try Samples.purchaseInvoices(5, in: directory) { _ = try test.gateway.imports.file(dossier: "acme", file: file) }
        MailStack.smtp(up: false)
        let down = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        MailStack.smtp(up: true)
        #expect(down.deferred == 5 && down.sent == 0)
        #expect(down.problems.first?.contains("curl error 7") == true || down.problems.first?.contains("connect") == true, "\(down.problems)")
        clock.advance(301)
        let up = try await test.gateway.outbox.send(dossier: "acme", selection: .due)
        #expect(up.sent == 5)
        #expect(try await MailStack.waitForCount(5, in: "inkoop@acct.test") == 5)
    }

    @Test("a new version after sending is flagged and waits; resend sends it")
    func newVersionAfterSending() async throws {
        let test = try gateway()
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        _ = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        let changed = test.directory.appendingPathComponent("v2.xml")
        try (try String(contentsOf: Samples.purchaseInvoice, encoding: .utf8))
            .replacingOccurrences(of: "<cbc:Name>Diensten</cbc:Name>", with: "<cbc:Name>Diensten v2</cbc:Name>")
            .write(to: changed, atomically: true, encoding: .utf8)
        guard case .stored(let id, _, .held, let reason?, 2, nil) = try test.gateway.imports.file(dossier: "acme", file: changed) else {
            Issue.record("the new version was not held")
            return
        }
        #expect(reason.contains("resend"))
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting).sent == 0)
        let delivery = try test.gateway.resend.document(dossier: "acme", documentID: id, route: nil)
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .only([delivery])).sent == 1)
        #expect(try await MailStack.waitForCount(2, in: "inkoop@acct.test") == 2)
    }

    @Test("over the route's size cap: failed with the reason, nothing sent; never a bare mail")
    func sizeCap() async throws {
        let test = try gateway(maxSize: ByteSize(bytes: 2048))
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.failed == 1 && report.sent == 0)
        let delivery = try state(test)
        #expect(delivery.state == .failed && delivery.lastReply?.contains("cap") == true)
        #expect(delivery.attempts == 0 && delivery.messageID == nil)

        // A PDF-only route for a document without a PDF of its own would be a bare mail: refused.
        let coda = try gateway(route: .coda, to: ["coda@acct.test"], attach: .pdf)
        let file = coda.directory.appendingPathComponent("statement.cod")
        try Data(contentsOf: MailStack.repository.appendingPathComponent("Tests/LedgerMailTests/Fixtures/coda-statement.cod")).write(to: file)
        _ = try coda.gateway.imports.file(dossier: "acme", file: file)
        let bare = try await coda.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(bare.failed == 1 && bare.problems.first?.contains("pdf only") == true, "\(bare.problems)")
        try await Task.sleep(for: .seconds(1))
        #expect(try MailStack.count("inkoop@acct.test") == 0 && MailStack.count("coda@acct.test") == 0)
    }

    @Test("a server that refuses our sender at MAIL FROM: every mail waits for a retry, none fails for good")
    func senderRefusedAtMailFrom() async throws {
        let test = try TestGateway.make(imap: nil, bounceAddress: "refused-sender@gateway.test")
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        let directory = test.directory.appendingPathComponent("refused")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in try Samples.purchaseInvoices(3, in: directory) { _ = try test.gateway.imports.file(dossier: "acme", file: file) }
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.sent == 0 && report.failed == 0 && report.deferred == 3, "\(report.problems)")
        let deliveries = try test.gateway.status(dossier: "acme").flatMap(\.deliveries)
        #expect(deliveries.allSatisfy { $0.state == .deferred })
        #expect(deliveries.first?.lastReply?.contains("MAIL FROM") == true, "\(deliveries.first?.lastReply ?? "")")
    }

    @Test("a 200-document batch goes over one SMTP session, after one certificate check")
    func batchOverOneConnection() async throws {
        let test = try gateway(to: ["batch@acct.test"])
        let directory = test.directory.appendingPathComponent("batch")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in try Samples.purchaseInvoices(200, in: directory) { _ = try test.gateway.imports.file(dossier: "acme", file: file) }
        let before = MailStack.connections()
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.sent == 200 && report.connections == 1)
        #expect(try await MailStack.waitForCount(200, in: "batch@acct.test") == 200)
        #expect(MailStack.connections() - before == 2,
                "Postfix's log counts the session that only connects to check the certificate, then one for the batch")
    }

    @Test("smtp.connections 3: 60 documents over three sessions, each mail once; the others open after the first logged in")
    func severalSessions() async throws {
        var server = MailStack.smtp
        server.connections = 3
        let test = try gateway(to: ["batch@acct.test"], smtp: server)
        let directory = test.directory.appendingPathComponent("sessions")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in try Samples.purchaseInvoices(60, in: directory) { _ = try test.gateway.imports.file(dossier: "acme", file: file) }
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.sent == 60 && report.connections == 3, "\(report)")
        let arrived = try await MailStack.waitFor(60, in: "batch@acct.test")
        #expect(Set(arrived.map(\.message_id)).count == 60, "each mail once")
        let deliveries = try test.gateway.status(dossier: "acme").flatMap(\.deliveries)
        #expect(deliveries.allSatisfy { $0.state == .sent && $0.attempts == 1 })
    }

    @Test("smtp.connections 3 and a wrong password: only the first session tries to log in")
    func wrongPasswordOneSession() async throws {
        let server = SMTPServer(url: URL(string: "smtp://127.0.0.1:2587")!, username: "acme@gateway.test", password: "wrong",
                                caFile: MailStack.caFile, heloName: "gateway.test", connections: 3)
        let test = try gateway(to: ["batch@acct.test"], smtp: server)
        let directory = test.directory.appendingPathComponent("refused")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for file in try Samples.purchaseInvoices(6, in: directory) { _ = try test.gateway.imports.file(dossier: "acme", file: file) }
        let before = MailStack.connections()
        await #expect(throws: SMTPLoginRefused.self) { _ = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting) }
        // The first session's certificate check and its one login; another session would have made its own.
        #expect(MailStack.connections() - before == 2)
        #expect(try test.gateway.status(dossier: "acme").flatMap(\.deliveries).allSatisfy { $0.attempts == 0 }, "no delivery touched")
    }

    @Test("preview writes the very bytes send delivers, but for Date and Message-ID")
    func previewIsTheRealMail() async throws {
        let test = try gateway()
        guard case .stored(let id, _, _, _, _, _) = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice) else {
            Issue.record("not stored")
            return
        }
        let preview = try test.gateway.preview.mail(dossier: "acme", documentID: id, route: nil)
        _ = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(try await MailStack.waitForCount(1, in: "inkoop@acct.test") == 1)
        let delivered = try #require(try MailStack.raw("inkoop@acct.test").first)
        // The servers add Return-Path, Delivered-To and Received above our first header (Date).
        func ours(_ data: Data) -> [String] {
            let text = String(decoding: data, as: UTF8.self)
            let start = text.range(of: "Date: ").map { text[$0.lowerBound...] } ?? Substring(text)
            return start.components(separatedBy: "\r\n").filter { !$0.hasPrefix("Date: ") && !$0.hasPrefix("Message-ID: ") }
        }
        #expect(ours(preview) == ours(delivered))
        #expect(ours(preview).count > 50)
    }
}
}
