import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// Quarter end on the real stack: the period send with its notification, self-mail, route test.
@Suite("Quarter end")
struct QuarterEndTests {
    init() { MailStack.reset() }

    /// A `never` dossier with routes and four November documents (one held).
    func quarter() throws -> TestGateway {
        let test = try TestGateway.make(smtp: MailStack.smtp, imap: nil)
        try test.addDossier(dispatch: .never)
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        try test.gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"])
        try test.gateway.routes.set(dossier: "acme", kind: .salesCreditNote, addresses: ["verkoop-cn@acct.test"])
        for file in [Samples.purchaseInvoice, Samples.salesInvoice, Samples.salesCreditNote, Samples.unknownParty] {
            _ = try test.gateway.imports.file(dossier: "acme", file: file)
        }
        return test
    }

    @Test("send --period twice: documents once, a notification to the accountant each time, with counts, problems and comment")
    func periodSendTwice() async throws {
        let test = try quarter()
        let period = try Period(parsing: "2026-Q4")
        let first = try await test.gateway.periodSend.send(dossier: "acme", period: period, comment: "Alles binnen voor Q4", dryRun: false)
        #expect(first.plan.documents.count == 4 && first.plan.toSend.count == 3 && first.plan.held.count == 1)
        #expect(first.send?.sent == 3 && first.notifiedAddress == "boekhouder@acct.test")
        let second = try await test.gateway.periodSend.send(dossier: "acme", period: period, comment: nil, dryRun: false)
        #expect(second.plan.toSend.isEmpty && second.send?.sent == 0 && second.plan.sentBefore.count == 3)

        #expect(try await MailStack.waitForCount(1, in: "inkoop@acct.test") == 1)
        #expect(try await MailStack.waitForCount(1, in: "verkoop@acct.test") == 1)
        #expect(try await MailStack.waitForCount(1, in: "verkoop-cn@acct.test") == 1)
        let notes = try await MailStack.waitFor(2, in: "boekhouder@acct.test")
        try await Task.sleep(for: .seconds(1))
        #expect(try MailStack.count("inkoop@acct.test") + MailStack.count("verkoop@acct.test") + MailStack.count("verkoop-cn@acct.test") == 3,
                "the second run sent no document")
        try #require(notes.count == 2)
        #expect(notes.allSatisfy { $0.subject.contains("2026-Q4") && $0.attachments.isEmpty && $0.to == "boekhouder@acct.test" })
        let bodies = try MailStack.bodies("boekhouder@acct.test")
        let firstBody = try #require(bodies.first { $0.contains("Alles binnen voor Q4") })
        #expect(firstBody.contains("Nu verstuurd: 3") && firstBody.contains("Documenten in de periode: 4"))
        #expect(firstBody.contains("wacht op nazicht") && firstBody.contains("X-77"), "the held document is named")
        #expect(firstBody.contains("Nog niet alle documenten") && !firstBody.contains("Alle documenten van"),
                "with a document held, the mail does not say everything is in")
        #expect(firstBody.contains("Aankoopfactuur: 1") && firstBody.contains("Verkoopfactuur: 1"))
        #expect(bodies.contains { $0.contains("Nu verstuurd: 0") && $0.contains("Eerder verstuurd: 3") })
    }

    @Test("send --period with a server deferring one route: that document is named as being retried, not as lost")
    func periodSendWithDeferral() async throws {
        MailStack.flaky(true)
        defer { MailStack.flaky(false) }
        let test = try quarter()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["flaky@acct.test"])
        let report = try await test.gateway.periodSend.send(dossier: "acme", period: try Period(parsing: "2026-Q4"), comment: nil, dryRun: false)
        #expect(report.send?.sent == 2 && report.send?.deferred == 1 && report.send?.failed == 0)
        #expect(try await MailStack.waitFor(1, in: "boekhouder@acct.test").count == 1)
        let body = try #require(try MailStack.bodies("boekhouder@acct.test").first)
        #expect(body.contains("wordt opnieuw geprobeerd") && body.contains("LEV/2026/0815"), "\(body)")
        #expect(!body.contains("niet verstuurd"), "\(body)")
    }

    @Test("send --period --dry-run: the plan, and nothing sent")
    func dryRun() async throws {
        let test = try quarter()
        let report = try await test.gateway.periodSend.send(dossier: "acme", period: try Period(parsing: "2026-11"), comment: nil, dryRun: true)
        #expect(report.plan.toSend.count == 3 && report.send == nil && report.notifiedAddress == nil)
        #expect(try test.gateway.status(dossier: "acme").allSatisfy { [.pending, .held].contains($0.deliveries[0].state) })
        try await Task.sleep(for: .seconds(1))
        #expect(try MailStack.count("boekhouder@acct.test") == 0 && MailStack.count("inkoop@acct.test") == 0)
        let empty = try test.gateway.periodPlanning.plan(dossier: "acme", period: try Period(parsing: "2026-Q3"))
        #expect(empty.documents.isEmpty, "November is not in Q3")
    }

    @Test("mail-out: split into numbered mails under a small cap; as ZIP the archives hold every file, byte-equal")
    func selfMail() async throws {
        let test = try quarter()
        let period = try Period(parsing: "2026-Q4")
        let split = try await test.gateway.mailOut.send(dossier: "acme", period: period, to: "owner@gateway.test", zip: false,
                                                   maxSize: ByteSize(bytes: 24 << 10))
        #expect(split.documents == 4 && split.mails.count >= 2)
        #expect(split.mails.allSatisfy { $0.bytes <= 24 << 10 }, "\(split.mails)")
        let loose = try await MailStack.waitFor(split.mails.count, in: "owner@gateway.test")
        #expect(loose.count == split.mails.count)
        #expect(loose.allSatisfy { $0.subject.contains("/\(split.mails.count))") }, "numbered: \(loose.map(\.subject))")
        let expected = try storedFiles(test)
        #expect(Set(loose.flatMap { $0.attachments.map(\.sha256) }) == Set(expected.values))

        MailStack.reset()
        let zipped = try await test.gateway.mailOut.send(dossier: "acme", period: period, to: "owner@gateway.test", zip: true,
                                                    maxSize: ByteSize(bytes: 24 << 10))
        #expect(try await MailStack.waitForCount(zipped.mails.count, in: "owner@gateway.test") == zipped.mails.count)
        let entries = try MailStack.zipEntries("owner@gateway.test")
        #expect(entries == expected, "every file in the ZIPs, byte-equal")

        await #expect(throws: DocumentOverCap.self) {
            _ = try await test.gateway.mailOut.send(dossier: "acme", period: period, to: "owner@gateway.test", zip: false,
                                               maxSize: ByteSize(bytes: 6 << 10))
        }
    }

    @Test("mail-out stopped by a refused part says what went; --from-part sends the rest and nothing twice")
    func selfMailResumes() async throws {
        let test = try quarter()
        let scan = test.directory.appendingPathComponent("scan.pdf")
        let pdf = Data("%PDF-1.4\n".utf8) + Data((0..<(200 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 31) }) + Data("\n%%EOF\n".utf8)
        try pdf.write(to: scan)
        _ = try test.gateway.imports.file(dossier: "acme", file: scan, declaredKind: .receipt)
        let period = try Period(parsing: "2026-Q4")
        let cap = ByteSize(bytes: 300 << 10)   // the scan (~280 KB in base64) fits alone, not with the invoices
        MailStack.sizeLimit(200 << 10)          // the server takes the invoices' mail, refuses the scan's
        defer { MailStack.sizeLimit(nil) }
        do {
            _ = try await test.gateway.mailOut.send(dossier: "acme", period: period, to: "owner@gateway.test", zip: false, maxSize: cap)
            Issue.record("the server took every part")
        } catch let stopped as MailOutStopped {
            #expect(stopped.failedPart == 2 && stopped.parts == 2, "\(stopped)")
            #expect(stopped.description.contains("part 1 went out") && stopped.description.contains("--from-part 2"), "\(stopped)")
        }
        #expect(try await MailStack.waitForCount(1, in: "owner@gateway.test") == 1)

        MailStack.sizeLimit(nil)
        let rest = try await test.gateway.mailOut.send(dossier: "acme", period: period, to: "owner@gateway.test", zip: false,
                                                  maxSize: cap, fromPart: 2)
        #expect(rest.mails.count == 1 && rest.mails[0].documents == 1)
        let mails = try await MailStack.waitFor(2, in: "owner@gateway.test")
        #expect(mails.map(\.subject).sorted().map { $0.suffix(5) } == ["(1/2)", "(2/2)"], "\(mails.map(\.subject))")
        let attachments = mails.flatMap(\.attachments).map(\.sha256)
        #expect(attachments.count == 9 && Set(attachments).count == 9, "four invoices (UBL + PDF) and the scan, each once")
        #expect(attachments.contains(BlobStore.sha256Hex(pdf)))
        await #expect(throws: InvalidInput.self) {
            _ = try await test.gateway.mailOut.send(dossier: "acme", period: period, to: "owner@gateway.test", zip: false,
                                               maxSize: cap, fromPart: 3)
        }
        // A new version of a document of part 1 since it went out changes that part: resuming is refused.
        let corrected = test.directory.appendingPathComponent("corrected.xml")
        try String(contentsOf: Samples.purchaseInvoice, encoding: .utf8)
            .replacingOccurrences(of: "<cbc:Name>Diensten</cbc:Name>", with: "<cbc:Name>Diensten (gecorrigeerd)</cbc:Name>")
            .write(to: corrected, atomically: true, encoding: .utf8)
        guard case .stored(_, _, _, _, 2, _?) = try test.gateway.imports.file(dossier: "acme", file: corrected) else {
            Issue.record("not a new version")
            return
        }
        await #expect { _ = try await test.gateway.mailOut.send(dossier: "acme", period: period, to: "owner@gateway.test",
                                                           zip: false, maxSize: cap, fromPart: 2) }
            throws: { "\($0)".contains("other documents") }
    }

    /// File name → sha256 of every file the dossier's documents carry.
    func storedFiles(_ test: TestGateway) throws -> [String: String] {
        var files: [String: String] = [:]
        for document in try test.gateway.status(dossier: "acme") {
            let base = FileNaming.attachmentBase(number: document.number, importedFileName: document.file)
            let source = Samples.url(document.file)
            files[base + ".xml"] = BlobStore.sha256Hex(try Data(contentsOf: source))
            let preview = try test.gateway.database.read { db in try DocumentRecord.fetchOne(db, key: document.id) }
            if let pdf = preview?.pdfSHA256 { files[base + ".pdf"] = pdf }
        }
        return files
    }

    @Test("route test: to the accountant's contact, never to the import address")
    func routeTest() async throws {
        let test = try quarter()
        let contact = try await test.gateway.routes.test(dossier: "acme", kind: .purchaseInvoice)
        #expect(contact.value == "boekhouder@acct.test")
        let mails = try await MailStack.waitFor(1, in: "boekhouder@acct.test")
        #expect(mails.count == 1 && mails[0].subject.contains("Aankoopfactuur") && mails[0].attachments.isEmpty)
        let body = try #require(try MailStack.bodies("boekhouder@acct.test").first)
        #expect(body.contains("inkoop@acct.test"))
        try await Task.sleep(for: .seconds(1))
        #expect(try MailStack.count("inkoop@acct.test") == 0)
    }
}
}
