import Foundation
import Testing
@testable import LedgerMail

/// Pull routes without any server: what is published, what an ack does, versions and resend.
@Suite("Pull routes")
struct PullRouteTests {
    let test: TestGateway
    var gateway: Gateway { test.gateway }

    init() throws {
        test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier()
        try test.addDossier("beta")
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: [], pull: true)
        try gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"])
    }

    func state(of id: Int64) throws -> DeliveryState? {
        try gateway.status(dossier: "acme").first { $0.id == id }?.state
    }

    func importPurchase(_ note: String? = nil) throws -> Int64 {
        var file = Samples.purchaseInvoice
        if let note {
            file = test.directory.appendingPathComponent("purchase-\(note).xml")
            try (String(contentsOf: Samples.purchaseInvoice, encoding: .utf8) + "<!-- \(note) -->\n").write(to: file, atomically: true, encoding: .utf8)
        }
        guard case .stored(let id, _, _, _, _, _) = try gateway.imports.file(dossier: "acme", file: file) else {
            throw StackError("\(file.lastPathComponent) was not stored")
        }
        return id
    }

    @Test("a pulled kind is published in the feed with its files, and no send pass ever takes it")
    func publishedNotMailed() async throws {
        let id = try importPurchase()
        #expect(try state(of: id) == .published)
        // The same store, with an SMTP server: the send pass has a server to use, and nothing to send.
        var settings = gateway.settings
        settings.smtp = MailStack.smtp
        let mailing = try Gateway(settings: settings)
        let report = try await mailing.outbox.send(dossier: nil, selection: .everythingWaiting)
        #expect(report.sent == 0 && report.failed == 0 && report.deferred == 0)
        #expect(try state(of: id) == .published)
        let entries = try gateway.feed.items(dossier: "acme", after: 0, limit: 10)
        #expect(entries.map(\.documentID) == [id])
        #expect(entries.first?.files.map(\.file.role) == [.ubl, .pdf])
        #expect(entries.first?.files.allSatisfy { $0.size > 0 } == true)
        #expect(try gateway.feed.items(dossier: "acme", after: entries[0].cursor, limit: 10).isEmpty)
        #expect(try gateway.feed.items(dossier: "beta", after: 0, limit: 10).isEmpty)
    }

    @Test("a PDF imported on its own is one original file in the feed, and the web's PDF link still finds it")
    func lonePDFIsOriginal() throws {
        let pdf = test.directory.appendingPathComponent("bon-17.pdf")
        try Data(contentsOf: Samples.salesInvoicePDF).write(to: pdf)
        guard case .stored(let id, _, _, _, _, _) = try gateway.imports.file(dossier: "acme", file: pdf, declaredKind: .purchaseInvoice) else {
            throw StackError("the PDF was not stored")
        }
        let entry = try #require(try gateway.feed.items(dossier: "acme", after: 0, limit: 10).first { $0.documentID == id })
        #expect(entry.files.map(\.file.role) == [.original] && entry.files.first?.file.name == "bon-17.pdf")
        #expect(try gateway.storedFiles.list(of: id, dossier: "acme")?.first?.mimeType == "application/pdf")
    }

    @Test("an ack makes the delivery collected with its time and owner; a second ack changes nothing")
    func ackCollects() throws {
        let id = try importPurchase()
        let first = try gateway.feed.collect(dossier: "acme", documentID: id, by: "eva@acct.test")
        let again = try gateway.feed.collect(dossier: "acme", documentID: id, by: "tom@acct.test")
        #expect(first == again)
        #expect(first.by == "eva@acct.test")
        let delivery = try #require(try gateway.status(dossier: "acme").first { $0.id == id }?.deliveries.last)
        #expect(delivery.state == .collected)
        #expect(delivery.collectedBy == "eva@acct.test")
        #expect(delivery.collectedAt != nil)
    }

    @Test("an ack for a mailed document is refused as not pulled, for another dossier's as no such document")
    func ackRefusals() throws {
        guard case .stored(let mailed, _, _, _, _, _) = try gateway.imports.file(dossier: "acme", file: Samples.salesInvoice) else {
            Issue.record("the sales invoice was not stored")
            return
        }
        #expect(throws: AckRefusal.notPulled(state: .scheduled)) { try gateway.feed.collect(dossier: "acme", documentID: mailed, by: "eva@acct.test") }
        #expect(throws: AckRefusal.noSuchDocument) { try gateway.feed.collect(dossier: "beta", documentID: mailed, by: "eva@acct.test") }
        #expect(throws: AckRefusal.noSuchDocument) { try gateway.feed.collect(dossier: "acme", documentID: 999_999, by: "eva@acct.test") }
    }

    @Test("a new version of a collected document is held; resend publishes it with what it supersedes")
    func newVersionHeldThenResent() throws {
        let first = try importPurchase()
        _ = try gateway.feed.collect(dossier: "acme", documentID: first, by: "eva@acct.test")
        let cursor = try #require(try gateway.feed.items(dossier: "acme", after: 0, limit: 10).last?.cursor)
        let second = try importPurchase("v2")
        #expect(try state(of: second) == .held)
        #expect(try gateway.feed.items(dossier: "acme", after: cursor, limit: 10).isEmpty)
        _ = try gateway.resend.document(dossier: "acme", documentID: second, route: nil)
        let item = try #require(try gateway.feed.items(dossier: "acme", after: cursor, limit: 10).first)
        #expect(item.documentID == second && item.version == 2 && item.supersedes == first)
        #expect(try state(of: second) == .published)
    }

    @Test("a pull route takes no address, and a mail route still needs one")
    func routeShapes() throws {
        #expect(throws: InvalidInput.self) { try gateway.routes.set(dossier: "acme", kind: .coda, addresses: ["x@acct.test"], pull: true) }
        #expect(throws: InvalidInput.self) { try gateway.routes.set(dossier: "acme", kind: .coda, addresses: []) }
        #expect(try gateway.routes.list(dossier: "acme").first { $0.kind == .purchaseInvoice }?.pull == true)
    }

    @Test("the quarter-end plan counts pulled documents as collected or waiting, never as to send")
    func periodCountsPulled() throws {
        let files = try Samples.purchaseInvoices(2, in: test.directory)
        let ids = try files.map { file -> Int64 in
            guard case .stored(let id, _, _, _, _, _) = try gateway.imports.file(dossier: "acme", file: file) else { throw StackError("not stored") }
            return id
        }
        _ = try gateway.feed.collect(dossier: "acme", documentID: ids[0], by: "eva@acct.test")
        let plan = try gateway.periodPlanning.plan(dossier: "acme", period: try Period(parsing: "2026-Q4"))
        #expect(plan.toSend.isEmpty)
        #expect(plan.collected.map(\.documentID) == [ids[0]])
        #expect(plan.waitingCollection.map(\.documentID) == [ids[1]])
    }
}
