import Foundation
import Testing
@testable import LedgerMail

/// The whole path on real servers: import → SMTP (Postfix) → the accountant's mailbox (Dovecot,
/// read back over IMAP by Python's strict parser) → a DSN back in the gateway's inbox → status.
/// One suite, serialized: the tests share the one mail stack and empty it first.
/// Every suite that uses the one mail stack is nested in this one, which runs them one at a
/// time (`.serialized` applies to nested suites): each test empties the stack first.
@Suite("On the real mail stack", .serialized, .enabled(if: MailStack.available, MailStack.skipNote))
struct RealStack {}

extension RealStack {
@Suite("Mail path")
struct MailPathTests {
    init() { MailStack.reset() }

    @Test("UBL.BE corpus: each document arrives once in its tray, byte-equal; non-matching ones are held",
          .enabled(if: Corpus.directory != nil, "needs ../shared/corpus (absent: skipped)"))
    func belgianCorpusArrivesByteEqual() async throws {
        let test = try TestGateway.make()
        let gateway = test.gateway
        try test.addDossier(vat: "BE0000000295")
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        try gateway.routes.set(dossier: "acme", kind: .purchaseCreditNote, addresses: ["inkoop-cn@acct.test"])
        try gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"])
        try gateway.routes.set(dossier: "acme", kind: .salesCreditNote, addresses: ["verkoop-cn@acct.test"])

        let files = try FileManager.default.contentsOfDirectory(at: Corpus.directory!, includingPropertiesForKeys: nil)
            .filter { $0.lastPathComponent.hasPrefix("ublbe_") && $0.pathExtension == "xml" }
            .sorted { $0.lastPathComponent < $1.lastPathComponent }
        #expect(files.count >= 2)
        for file in files { _ = try gateway.imports.file(dossier: "acme", file: file) }

        let report = try await gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.failed == 0 && report.deferred == 0)
        #expect(report.connections == 1, "one SMTP connection for the whole batch")

        let documents = try gateway.status(dossier: "acme")
        let sent = documents.filter { $0.deliveries.first?.state == .sent }
        let held = documents.filter { $0.deliveries.first?.state == .held }
        #expect(sent.count + held.count == documents.count)
        // 10 files: 15000001 comes twice (the wrapped-base64 file is a new version of it), and
        // 15000014 (German buyer) and 15000033 (Spanish consumer) are not this customer's.
        #expect(sent.count == 7 && held.count == 2, "sent \(sent.map(\.file)), held \(held.map(\.file))")
        #expect(report.sent == sent.count)
        for document in held {
            #expect(document.deliveries.count == 1 && document.deliveries[0].route == nil)
            #expect(document.heldReason?.contains("matches") == true, "held with its reason: \(document.heldReason ?? "none")")
        }
        // A file that is a new version of another replaces it: one current document per number.
        #expect(Set(documents.map(\.number)).count == documents.count)

        var byMailbox: [String: [FetchedMessage]] = [:]
        for mailbox in ["inkoop@acct.test", "inkoop-cn@acct.test", "verkoop@acct.test", "verkoop-cn@acct.test"] {
            let expected = sent.filter { Self.mailbox(for: $0.kind) == mailbox }.count
            byMailbox[mailbox] = try await MailStack.waitFor(expected, in: mailbox)
            #expect(byMailbox[mailbox]!.count == expected, "\(mailbox): each document exactly once")
        }
        for document in sent {
            let delivery = document.deliveries[0]
            let arrived = byMailbox[Self.mailbox(for: document.kind)]!.filter { $0.message_id == delivery.messageID }
            try #require(arrived.count == 1, "document \(document.number) arrived once")
            let message = arrived[0]
            #expect(message.defects.isEmpty, "strict parse: \(message.defects)")
            #expect(message.long_lines == 0 && message.bare_lf == 0)
            let source = try Data(contentsOf: Corpus.directory!.appendingPathComponent(document.file))
            let ubl = message.attachments.first { $0.content_type == "application/xml" }
            #expect(ubl?.sha256 == BlobStore.sha256Hex(source), "UBL byte-equal for \(document.file)")
            #expect(ubl?.filename == FileNaming.attachmentBase(number: document.number, importedFileName: document.file) + ".xml")
            if let embedded = try UBLReader().read(source).firstPDF {
                let pdf = message.attachments.first { $0.content_type == "application/pdf" }
                #expect(pdf?.sha256 == BlobStore.sha256Hex(embedded.data), "PDF byte-equal to the embedded one")
            }
        }
    }

    static func mailbox(for kind: DocumentKind?) -> String {
        switch kind {
        case .purchaseInvoice: "inkoop@acct.test"
        case .purchaseCreditNote: "inkoop-cn@acct.test"
        case .salesInvoice: "verkoop@acct.test"
        default: "verkoop-cn@acct.test"
        }
    }

    @Test("a delivery to a nonexistent mailbox ends bounced, 5.1.1, once the inbox pass reads the DSN")
    func bounceComesBack() async throws {
        let test = try TestGateway.make()
        let gateway = test.gateway
        try test.addDossier()
        try gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["nobody@acct.test"])
        let outcome = try gateway.imports.file(dossier: "acme", file: Samples.salesInvoice)
        guard case .stored(let id, .salesInvoice?, .scheduled, nil, 1, nil) = outcome else {
            Issue.record("unexpected import outcome \(outcome)")
            return
        }
        let report = try await gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.sent == 1)

        var delivery: DeliveryStatus?
        let deadline = Date().addingTimeInterval(30)
        repeat {
            try await Task.sleep(for: .milliseconds(300))
            let pass = await gateway.runOnce()
            #expect(pass.errors.isEmpty, "\(pass.errors)")
            delivery = try gateway.status(dossier: "acme").first { $0.id == id }?.deliveries.first
        } while delivery?.state != .bounced && Date() < deadline

        #expect(delivery?.state == .bounced)
        #expect(delivery?.bounce?.recipient == "nobody@acct.test")
        #expect(delivery?.bounce?.status == "5.1.1")
        #expect(delivery?.bounce?.reason == "userunknown")
        let document = try gateway.status(dossier: "acme").first { $0.id == id }
        #expect(document?.inbound.first?.kind == .bounce)
        // The PDF given beside the UBL was the one attached.
        #expect(try MailStack.fetch("bounces@gateway.test").isEmpty, "processed mail was moved out of INBOX")
    }

    @Test("the same file imported twice is stored once and sent once")
    func sameFileTwiceSentOnce() async throws {
        let test = try TestGateway.make()
        let gateway = test.gateway
        try test.addDossier()
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        let first = try gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        _ = try await gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        let second = try gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        guard case .stored(let id, _, _, _, _, _) = first else { Issue.record("first import: \(first)"); return }
        #expect(second == .alreadyImported(documentID: id))
        let again = try await gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(again.sent == 0)
        #expect(try gateway.status(dossier: "acme").count == 1)
        let arrived = try await MailStack.waitFor(1, in: "inkoop@acct.test")
        try await Task.sleep(for: .seconds(1))
        let later = try MailStack.fetch("inkoop@acct.test")
        #expect(arrived.count == 1 && later.count == 1)
    }

    @Test("a PDF beside the UBL is attached byte-equal, with the VERP return path")
    func siblingPDFAttached() async throws {
        let test = try TestGateway.make()
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.salesInvoice)
        _ = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        let message = try #require(try await MailStack.waitFor(1, in: "verkoop@acct.test").first)
        let pdf = message.attachments.first { $0.content_type == "application/pdf" }
        #expect(pdf?.sha256 == BlobStore.sha256Hex(try Data(contentsOf: Samples.salesInvoicePDF)))
        #expect(pdf?.filename == "V2026-0042.pdf")
        #expect(message.return_path.hasPrefix("<bounces+d"))
    }

    @Test("a 5 MB PDF, streamed from the store as it is uploaded, arrives byte-equal")
    func largePDFStreamed() async throws {
        let test = try TestGateway.make()
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"])
        let ubl = test.directory.appendingPathComponent("large.xml")
        try FileManager.default.copyItem(at: Samples.salesInvoice, to: ubl)
        var random = SeededRandom(state: 25)
        let pdf = Data("%PDF-1.4\n".utf8) + Data((0..<(5 << 20)).map { _ in UInt8.random(in: 0...255, using: &random) })
        try pdf.write(to: test.directory.appendingPathComponent("large.pdf"))
        _ = try test.gateway.imports.file(dossier: "acme", file: ubl)
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.sent == 1)
        let message = try #require(try await MailStack.waitFor(1, in: "verkoop@acct.test").first)
        let attached = message.attachments.first { $0.content_type == "application/pdf" }
        #expect(attached?.sha256 == BlobStore.sha256Hex(pdf) && attached?.size == pdf.count)
    }

    @Test("an SMTP or IMAP server whose certificate is not trusted is refused")
    func untrustedCertificatesRefused() async throws {
        var smtp = MailStack.smtp
        smtp.caFile = nil   // system trust only: the stack's self-signed certificate is not in it
        var imap = MailStack.imap()
        imap.caFile = nil
        let test = try TestGateway.make(smtp: smtp, imap: imap)
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.salesInvoice)
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.sent == 0 && report.deferred == 1)
        #expect(report.problems.first?.contains("not trusted") == true, "\(report.problems)")

        await #expect(throws: IMAPError.self) { _ = try await test.gateway.inboxReader.readNewMail() }
        do { _ = try await test.gateway.inboxReader.readNewMail() } catch {
            #expect("\(error)".contains("not trusted"), "\(error)")
        }
        try await Task.sleep(for: .seconds(1))
        #expect(try MailStack.fetch("verkoop@acct.test").isEmpty, "nothing was delivered")
    }

    @Test("submission with STARTTLS + AUTH and SMTPS both deliver; IMAPS reads the inbox", arguments: [
        ("smtp://127.0.0.1:2587", true), ("smtps://127.0.0.1:2465", false),
    ])
    func authenticatedSubmissionAndImplicitTLS(url: String, starttls: Bool) async throws {
        let smtp = SMTPServer(url: URL(string: url)!, requireSTARTTLS: starttls, username: "acme@gateway.test",
                              password: MailStack.password, caFile: MailStack.caFile, heloName: "gateway.test")
        var imap = MailStack.imap()
        imap.url = URL(string: "imaps://127.0.0.1:1993")!
        let test = try TestGateway.make(smtp: smtp, imap: imap)
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.sent == 1, "\(report.problems)")
        #expect(try await MailStack.waitFor(1, in: "inkoop@acct.test").count == 1)
        let pass = await test.gateway.runOnce()
        #expect(pass.errors.isEmpty, "\(pass.errors)")
    }
}
}
