import Foundation
import Testing
@testable import LedgerMail

/// An office's everyday dossier work on a real store: the overview, changing a dossier,
/// removing or archiving one, taking a route away.
@Suite("Dossier administration")
struct DossierAdminTests {
    let test: TestGateway
    var gateway: Gateway { test.gateway }

    init() throws {
        test = try TestGateway.make()
        try test.addDossier("acme")
        try test.addDossier("beta")
    }

    func state(_ documentID: Int64) throws -> DeliveryState? {
        try gateway.status(DocumentFilter()).first { $0.id == documentID }?.state
    }

    /// A document that was tried and failed for good (over its route's cap): nothing waits.
    func failedDocument(in dossier: String) async throws -> Int64 {
        try gateway.routes.set(dossier: dossier, kind: .purchaseInvoice, addresses: ["inkoop@acct.test"], maxSize: ByteSize(bytes: 100))
        guard case .stored(let id, _, _, _, _, _) = try gateway.imports.file(dossier: dossier, file: Samples.purchaseInvoice) else {
            throw StackError("import")
        }
        let report = try await gateway.outbox.send(dossier: dossier, selection: .everythingWaiting)
        #expect(report.failed == 1)
        return id
    }

    @Test("dossier list counts each dossier's current documents by their latest delivery's state")
    func overviewCounts() throws {
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        for file in [Samples.purchaseInvoice, Samples.salesInvoice, Samples.unknownParty] {
            _ = try gateway.imports.file(dossier: "acme", file: file)
        }
        let overview = try gateway.dossiers.overview()
        #expect(overview.map(\.name) == ["acme", "beta"])
        #expect(overview[0].documents == 3 && overview[0].states == [.scheduled: 1, .held: 2], "\(overview[0])")
        #expect(overview[0].lastActivity != nil && overview[0].sentThisQuarter == 0)
        #expect(overview[1].documents == 0 && overview[1].states.isEmpty && overview[1].lastActivity == nil)
    }

    @Test("dossier set changes only what it names, and show reads it back")
    func setThenShow() throws {
        _ = try gateway.dossiers.change("acme", DossierFields(company: "Acme NV", dispatch: .endOfMonth))
        let dossier = try gateway.dossiers.named("acme")
        #expect(dossier.company == "Acme NV" && dossier.dispatch == .endOfMonth)
        #expect(dossier.from.displayName == "Acme BV" && dossier.accountant.value == "boekhouder@acct.test")
        #expect(throws: InvalidInput.self) { try gateway.dossiers.change("acme", DossierFields(vat: "BE0123456748")) }
        #expect(throws: InvalidInput.self) { try gateway.dossiers.change("acme", DossierFields()) }
        #expect(try gateway.dossiers.named("acme").enterpriseNumber == "0123456749", "a refused change changes nothing")
    }

    @Test("dossier set gives, refuses and clears the owner's address: never one of the dossier's import addresses")
    func ownerEmail() throws {
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        _ = try gateway.dossiers.change("acme", DossierFields(ownerEmail: "jan@acme.test"))
        #expect(try gateway.dossiers.named("acme").ownerEmail?.value == "jan@acme.test")
        #expect(throws: OwnerIsImportAddress.self) { try gateway.dossiers.change("acme", DossierFields(ownerEmail: "inkoop@acct.test")) }
        #expect(try gateway.dossiers.named("acme").ownerEmail?.value == "jan@acme.test")
        _ = try gateway.dossiers.change("acme", DossierFields(ownerEmail: ""))
        #expect(try gateway.dossiers.named("acme").ownerEmail == nil)
    }

    @Test("the BillMail form's change is one transaction: a route refused after others changes neither them nor the sender")
    func replaceAllIsAllOrNothing() throws {
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        try gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"])
        _ = try gateway.dossiers.change("acme", DossierFields(ownerEmail: "jan@acme.test"))
        let before = (try gateway.routes.list(dossier: "acme"), try gateway.dossiers.named("acme").from)
        // Purchases change, sales go, and the last route names the owner's address: refused.
        #expect(throws: InvalidInput.self) {
            try gateway.routes.replaceAll(dossier: "acme", from: "Nieuw <nieuw@gateway.test>", routes: [
                try RouteBook.route(kind: .purchaseInvoice, addresses: ["ander@acct.test"]),
                try RouteBook.route(kind: .salesCreditNote, addresses: ["jan@acme.test"]),
            ])
        }
        #expect(try gateway.routes.list(dossier: "acme") == before.0)
        #expect(try gateway.dossiers.named("acme").from == before.1)

        try gateway.routes.replaceAll(dossier: "acme", from: "Nieuw <nieuw@gateway.test>", routes: [
            try RouteBook.route(kind: .purchaseInvoice, addresses: ["ander@acct.test"]),
        ])
        #expect(try gateway.routes.list(dossier: "acme").map(\.kind) == [.purchaseInvoice])
        #expect(try gateway.dossiers.named("acme").from.address.value == "nieuw@gateway.test")
    }

    @Test("a new time zone moves an undated document imported near midnight to its new import day's period; a dated one stays")
    func timeZoneMovesImportDays() throws {
        // 23:30 UTC on 30 September: 1 October in Brussels (Q4), still 30 September in UTC (Q3).
        let lateEvening = Date(timeIntervalSince1970: 1_790_811_000)
        try gateway.store.write { tx in
            for (number, issued) in [("UNDATED", nil), ("DATED", "2026-10-05")] as [(String, String?)] {
                var document = DocumentRecord(
                    id: nil, dossier: "acme", kind: .purchaseInvoice, root: nil, number: number, supplierKey: "0403123486",
                    issueDate: issued, counterparty: nil, fileName: "\(number).pdf", sourceSHA256: number, ublSHA256: nil, pdfSHA256: nil,
                    pdfRendered: false, fileSHA256: nil, fileMimeType: nil, fileExtension: nil, attachmentBase: number, version: 1,
                    supersededBy: nil, heldBecause: nil, heldDetail: nil, importedAt: lateEvening)
                try tx.insert(&document)
            }
        }
        func numbers(_ period: String) throws -> [String] {
            try gateway.periodPlanning.plan(dossier: "acme", period: try Period(parsing: period)).documents.map(\.number)
        }
        #expect(try numbers("2026-Q4") == ["UNDATED", "DATED"] && numbers("2026-Q3").isEmpty)
        _ = try gateway.dossiers.change("acme", DossierFields(timeZone: "UTC"))
        #expect(try numbers("2026-Q4") == ["DATED"] && numbers("2026-Q3") == ["UNDATED"])
        #expect(try gateway.status(DocumentFilter(dossier: "acme", period: try Period(parsing: "2026-Q3"))).map(\.number) == ["UNDATED"])
    }

    @Test("a new VAT number re-checks held documents: one it now matches goes to its route")
    func vatChangeReleasesHeld() throws {
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        guard case .stored(let id, nil, .held, _, _, _) = try gateway.imports.file(dossier: "acme", file: Samples.unknownParty) else {
            Issue.record("the unknown party's invoice should be held")
            return
        }
        // The invoice's customer is 0555123476: that number makes it a purchase invoice.
        let report = try gateway.dossiers.change("acme", DossierFields(vat: "BE0555123476"))
        #expect(report.released == [id])
        let document = try #require(try gateway.status(dossier: "acme").first { $0.id == id })
        #expect(document.kind == .purchaseInvoice && document.state == .scheduled && document.heldReason == nil)
    }

    @Test("remove is refused while a document waits, and names what waits")
    func removeRefusedWhileWaiting() throws {
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        _ = try gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        let error = #expect(throws: DossierStillBusy.self) { try gateway.dossiers.remove("acme", archive: false) }
        #expect(error?.description.contains("1 scheduled") == true)
        #expect(throws: DossierStillBusy.self) { try gateway.dossiers.remove("acme", archive: true) }
        #expect(try gateway.status(dossier: "acme").count == 1)
    }

    @Test("remove counts any waiting delivery, not only each document's latest (an older one mid-retry after a resend)")
    func removeSeesOlderWaitingDelivery() throws {
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        guard case .stored(let id, _, _, _, _, _) = try gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice) else {
            Issue.record("not stored")
            return
        }
        let retry = try gateway.resend.document(dossier: "acme", documentID: id, route: nil)
        // The first delivery waits for its retry; the resent one already went.
        try gateway.database.write { db in
            try db.execute(sql: "UPDATE delivery SET state = 'deferred' WHERE documentID = ? AND id <> ?", arguments: [id, retry])
            try db.execute(sql: "UPDATE delivery SET state = 'sent' WHERE id = ?", arguments: [retry])
        }
        #expect(try state(id) == .sent)
        let error = #expect(throws: DossierStillBusy.self) { try gateway.dossiers.remove("acme", archive: false) }
        #expect(error?.description.contains("1 deferred") == true, "\(String(describing: error))")
    }

    @Test("archive keeps the documents and history readable and refuses every change")
    func archiveIsReadOnly() async throws {
        guard MailStack.available else { return }
        let id = try await failedDocument(in: "acme")
        try gateway.dossiers.remove("acme", archive: true)
        #expect(try gateway.status(dossier: "acme").map(\.id) == [id])
        #expect(try gateway.dossiers.overview().first { $0.name == "acme" }?.archived == true)
        #expect(throws: DossierArchived.self) { try gateway.imports.file(dossier: "acme", file: Samples.salesInvoice) }
        #expect(throws: DossierArchived.self) { try gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"]) }
        #expect(throws: DossierArchived.self) { try gateway.resend.document(dossier: "acme", documentID: id, route: nil) }
        #expect(throws: DossierArchived.self) { try gateway.dossiers.change("acme", DossierFields(company: "X")) }
    }

    @Test("remove deletes the dossier and the stored files no other dossier uses")
    func removeDeletesOnlyOrphans() async throws {
        guard MailStack.available else { return }
        let acme = try await failedDocument(in: "acme")
        let beta = try await failedDocument(in: "beta")   // the same bytes: the same stored files
        let hashes = try gateway.database.read { db in try DocumentRecord.fetchOne(db, key: acme)?.ublSHA256 }
        let ubl = try #require(hashes)
        try gateway.dossiers.remove("acme", archive: false)
        #expect(throws: NoSuchDossier.self) { try gateway.status(dossier: "acme") }
        #expect(try gateway.blobs.get(ubl).count > 0, "beta still uses the file")
        try gateway.dossiers.remove("beta", archive: false)
        #expect(!FileManager.default.fileExists(atPath: gateway.fileBlobs.url(for: ubl).path))
        #expect(try gateway.dossiers.overview().isEmpty && beta > acme)
    }

    @Test("route remove holds the kind's waiting documents with that reason; route set releases them")
    func routeRemoveHolds() throws {
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test", "divers@acct.test"])
        guard case .stored(let id, _, .scheduled, _, _, _) = try gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice) else {
            Issue.record("not scheduled")
            return
        }
        #expect(try gateway.routes.remove(dossier: "acme", kind: .purchaseInvoice, addresses: ["divers@acct.test"]) == 0)
        #expect(try gateway.routes.list(dossier: "acme").first?.addresses.map(\.value) == ["inkoop@acct.test"])
        #expect(try state(id) == .scheduled)
        #expect(throws: InvalidInput.self) { try gateway.routes.remove(dossier: "acme", kind: .purchaseInvoice, addresses: ["x@acct.test"]) }

        #expect(try gateway.routes.remove(dossier: "acme", kind: .purchaseInvoice) == 1)
        let held = try #require(try gateway.status(dossier: "acme").first)
        #expect(held.state == .held && held.heldReason?.contains("no route for purchase-invoice") == true)
        #expect(try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"]) == 1)
        #expect(try state(id) == .scheduled)
    }

    @Test("status across dossiers narrows by state, kind, period and a limit")
    func statusFilters() throws {
        for dossier in ["acme", "beta"] {
            try gateway.routes.set(dossier: dossier, kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
            _ = try gateway.imports.file(dossier: dossier, file: Samples.purchaseInvoice)
            _ = try gateway.imports.file(dossier: dossier, file: Samples.salesInvoice)
        }
        let held = try gateway.status(DocumentFilter(states: [.held]))
        #expect(held.map(\.dossier) == ["acme", "beta"] && held.allSatisfy { $0.kind == .salesInvoice })
        let purchases = try gateway.status(DocumentFilter(dossier: "beta", kinds: [.purchaseInvoice]))
        #expect(purchases.count == 1 && purchases[0].state == .scheduled)
        #expect(try gateway.status(DocumentFilter(states: [.failed, .bounced])).isEmpty)
        #expect(try gateway.status(DocumentFilter(limit: 3)).map(\.dossier) == ["acme", "acme", "beta"])
        // The samples are issued in November 2026.
        #expect(try gateway.status(DocumentFilter(period: try Period(parsing: "2026-Q4"))).count == 4)
        #expect(try gateway.status(DocumentFilter(period: try Period(parsing: "2026-Q3"))).isEmpty)
    }
}
