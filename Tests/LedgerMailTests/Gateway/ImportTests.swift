import Foundation
import Testing
@testable import LedgerMail

/// Import without any server: kinds, holds, versions, and bad input that stores nothing.
@Suite("Import")
struct ImportTests {
    let test: TestGateway
    var gateway: Gateway { test.gateway }

    init() throws {
        test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier()
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        try gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"])
    }

    func documentCount() throws -> Int { try gateway.status(dossier: "acme").count }

    @Test("a purchase invoice is scheduled 10 minutes out, named after its number")
    func purchaseInvoiceScheduled() throws {
        let outcome = try gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        guard case .stored(_, .purchaseInvoice?, .scheduled, nil, 1, nil) = outcome else {
            Issue.record("unexpected \(outcome)")
            return
        }
        let document = try #require(try gateway.status(dossier: "acme").first)
        #expect(document.number == "LEV/2026/0815")
        #expect(document.counterparty == "Leverancier NV")
        let delivery = try #require(document.deliveries.first)
        #expect(delivery.route == .purchaseInvoice)
        let due = try #require(delivery.dueAt)
        #expect(abs(due.timeIntervalSinceNow - 600) < 30)
        #expect(FileNaming.attachmentBase(number: document.number, importedFileName: document.file) == "LEV_2026_0815")
    }

    @Test("no party matches: held with the reason, one delivery without a route; review releases it")
    func unknownPartyHeldThenReviewed() throws {
        let outcome = try gateway.imports.file(dossier: "acme", file: Samples.unknownParty)
        guard case .stored(let id, nil, .held, let reason?, 1, nil) = outcome else {
            Issue.record("unexpected \(outcome)")
            return
        }
        #expect(reason.contains("neither"))
        var document = try #require(try gateway.status(dossier: "acme").first)
        #expect(document.deliveries.count == 1 && document.deliveries[0].route == nil && document.deliveries[0].state == .held)
        #expect(try gateway.review.release(dossier: "acme", documentID: id, kind: .purchaseInvoice) == .scheduled)
        document = try #require(try gateway.status(dossier: "acme").first)
        #expect(document.heldReason == nil && document.kind == .purchaseInvoice)
        #expect(document.deliveries.map(\.state) == [.scheduled])
    }

    @Test("a kind without a route is held until `route set` releases it")
    func noRouteHeldUntilRouteSet() throws {
        let outcome = try gateway.imports.file(dossier: "acme", file: Samples.salesCreditNote)
        guard case .stored(_, .salesCreditNote?, .held, let reason?, _, _) = outcome else {
            Issue.record("unexpected \(outcome)")
            return
        }
        #expect(reason.contains("no route for sales-credit-note"))
        #expect(try gateway.routes.set(dossier: "acme", kind: .salesCreditNote, addresses: ["verkoop-cn@acct.test"]) == 1)
        let document = try #require(try gateway.status(dossier: "acme").first)
        #expect(document.heldReason == nil && document.deliveries.map(\.state) == [.scheduled])
    }

    @Test("dispatch never: pending; end-of-month: due at the first moment of next month in Brussels")
    func dispatchSettings() throws {
        try test.addDossier("lazy", vat: "BE0403123486", dispatch: .never)
        try gateway.routes.set(dossier: "lazy", kind: .salesInvoice, addresses: ["verkoop@acct.test"])
        guard case .stored(_, _, .pending, _, _, _) = try gateway.imports.file(dossier: "lazy", file: Samples.purchaseInvoice) else {
            Issue.record("not pending")
            return
        }
        var brussels = Calendar(identifier: .gregorian)
        brussels.timeZone = TimeZone(identifier: "Europe/Brussels")!
        let arrival = brussels.date(from: DateComponents(year: 2026, month: 11, day: 30, hour: 23, minute: 30))!
        let due = DispatchPolicy.endOfMonth.dueTime(arrival: arrival, timeZone: brussels.timeZone)!
        #expect(due == brussels.date(from: DateComponents(year: 2026, month: 12, day: 1, hour: 0, minute: 0)))
    }

    @Test("same bytes twice: already imported, nothing new")
    func sameBytesTwice() throws {
        guard case .stored(let id, _, _, _, _, _) = try gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice) else {
            Issue.record("first import failed")
            return
        }
        #expect(try gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice) == .alreadyImported(documentID: id))
        #expect(try documentCount() == 1)
        #expect(try gateway.status(dossier: "acme")[0].deliveries.count == 1)
    }

    @Test("other bytes, same supplier and number: a new version replaces the unsent one")
    func newVersionReplacesUnsent() throws {
        let original = try String(contentsOf: Samples.purchaseInvoice, encoding: .utf8)
        let changed = test.directory.appendingPathComponent("changed.xml")
        try original.replacingOccurrences(of: "<cbc:Name>Diensten</cbc:Name>", with: "<cbc:Name>Diensten (gecorrigeerd)</cbc:Name>")
            .write(to: changed, atomically: true, encoding: .utf8)
        guard case .stored(let first, _, _, _, 1, nil) = try gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice) else {
            Issue.record("first import failed")
            return
        }
        let second = try gateway.imports.file(dossier: "acme", file: changed)
        guard case .stored(_, _, .scheduled, nil, 2, first?) = second else {
            Issue.record("unexpected \(second)")
            return
        }
        let documents = try gateway.status(dossier: "acme")
        #expect(documents.count == 1 && documents[0].version == 2 && documents[0].file == "changed.xml")
    }

    @Test("a third version after a held second one is held too: the accountant has the first")
    func versionsAfterASentOneStayHeld() throws {
        let original = try String(contentsOf: Samples.purchaseInvoice, encoding: .utf8)
        func variant(_ name: String) throws -> URL {
            let file = test.directory.appendingPathComponent("\(name).xml")
            try original.replacingOccurrences(of: "<cbc:Name>Diensten</cbc:Name>", with: "<cbc:Name>Diensten (\(name))</cbc:Name>")
                .write(to: file, atomically: true, encoding: .utf8)
            return file
        }
        guard case .stored(let first, _, _, _, 1, nil) = try gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice) else {
            Issue.record("first import failed")
            return
        }
        try gateway.database.write { db in
            try db.execute(sql: "UPDATE delivery SET state = 'sent', attempts = 1 WHERE documentID = ?", arguments: [first])
        }
        guard case .stored(let second, _, .held, let reason2?, 2, nil) = try gateway.imports.file(dossier: "acme", file: try variant("v2")) else {
            Issue.record("the second version was not held")
            return
        }
        #expect(reason2.contains("already sent"))
        let third = try gateway.imports.file(dossier: "acme", file: try variant("v3"))
        guard case .stored(_, _, .held, let reason3?, 3, second?) = third else {
            Issue.record("the third version went out on its own: \(third)")
            return
        }
        #expect(reason3.contains("already sent"))
        let current = try #require(try gateway.status(dossier: "acme").first)
        #expect(current.version == 3 && current.deliveries.map(\.state) == [.held])
    }

    @Test("bad input: a clear error naming the problem, nothing stored", arguments: [
        ("<html><body>not an invoice</body></html>", "html"),
        ("<?xml version=\"1.0\"?><Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\"><cbc:ID", "not valid xml"),
        ("", "empty"),
    ])
    func badInput(content: String, expected: String) throws {
        let file = test.directory.appendingPathComponent("bad.xml")
        try content.write(to: file, atomically: true, encoding: .utf8)
        #expect {
            _ = try gateway.imports.file(dossier: "acme", file: file)
        } throws: { error in
            "\(error)".lowercased().contains(expected) && "\(error)".contains("bad.xml")
        }
        #expect(try documentCount() == 0)
    }

    @Test("a truncated corpus-like file is refused and nothing is stored")
    func truncatedFile() throws {
        let data = try Data(contentsOf: Samples.purchaseInvoice)
        let file = test.directory.appendingPathComponent("truncated.xml")
        try data.prefix(data.count / 2).write(to: file)
        #expect(throws: ImportError.self) { _ = try gateway.imports.file(dossier: "acme", file: file) }
        #expect(try documentCount() == 0)
        let stored = try FileManager.default.contentsOfDirectory(atPath: test.gateway.settings.blobDirectory.path)
        #expect(stored.isEmpty, "no blob left behind for a refused file")
    }

    @Test("a missing file is named in the error")
    func missingFile() throws {
        let file = test.directory.appendingPathComponent("nowhere.xml")
        #expect { _ = try gateway.imports.file(dossier: "acme", file: file) } throws: { "\($0)".contains("nowhere.xml: no such file") }
    }

    @Test("a party name with CR/LF is kept as is in the stored file, and is one line in headers and names")
    func lineBreaksInDocumentValues() throws {
        let original = try String(contentsOf: Samples.purchaseInvoice, encoding: .utf8)
        let file = test.directory.appendingPathComponent("crlf.xml")
        try original.replacingOccurrences(of: "<cbc:RegistrationName>Leverancier NV</cbc:RegistrationName>",
                                          with: "<cbc:RegistrationName>Leverancier&#13;&#10;Bcc: evil@example.com</cbc:RegistrationName>")
            .replacingOccurrences(of: "<cbc:ID>LEV/2026/0815</cbc:ID>", with: "<cbc:ID>LEV/2026&#10;/0815</cbc:ID>")
            .write(to: file, atomically: true, encoding: .utf8)
        _ = try gateway.imports.file(dossier: "acme", file: file)
        let document = try #require(try gateway.status(dossier: "acme").first)
        #expect(document.counterparty == "Leverancier Bcc: evil@example.com")
        #expect(FileNaming.attachmentBase(number: document.number, importedFileName: document.file) == "LEV_2026__0815")
    }

    @Test("a 200 MB file is refused by its size before it is read, naming the limit; nothing stored")
    func hugeFile() throws {
        let file = test.directory.appendingPathComponent("huge.xml")
        #expect(FileManager.default.createFile(atPath: file.path, contents: Data("<?xml version=\"1.0\"?>".utf8)))
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 200 << 20)   // sparse: 200 MB on paper, nothing on disk
        try handle.close()
        #expect { _ = try gateway.imports.file(dossier: "acme", file: file) } throws: { "\($0)".contains("limits.document_bytes") }
        #expect(try documentCount() == 0)
        let inspected = DocumentInspector().inspect(file: file.path)
        guard case .failure(let error) = inspected else { Issue.record("inspect read a 200 MB file"); return }
        #expect(error.error.contains("limits.document_bytes"))
    }

    @Test("an embedded attachment over limits.attachment_bytes is skipped with a warning; the invoice still imports")
    func attachmentOverLimit() throws {
        var settings = test.gateway.settings
        settings.limits = InputLimits(documentBytes: 50 << 20, attachmentBytes: 100)
        let small = try Gateway(settings: settings)
        guard case .stored(let id, _, _, _, _, _) = try small.imports.file(dossier: "acme", file: Samples.purchaseInvoice) else {
            Issue.record("not stored")
            return
        }
        let record = try small.database.read { db in try DocumentRecord.fetchOne(db, key: id) }
        #expect(record?.pdfRendered == true, "the too-large embedded PDF was skipped, so one was rendered")
    }
}
