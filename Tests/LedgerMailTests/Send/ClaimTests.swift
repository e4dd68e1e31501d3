import Foundation
import GRDB
import Testing
@testable import LedgerMail

/// Composing a waiting delivery's mail, before any server is involved.
@Suite("Queue claims")
struct ClaimTests {
    let test: TestGateway
    var gateway: Gateway { test.gateway }
    let deliveryID: Int64
    let ublFile: URL

    init() throws {
        test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        let (delivery, hash) = try test.gateway.database.read { db in
            (try #require(try Int64.fetchOne(db, sql: "SELECT id FROM delivery")),
             try #require(try String.fetchOne(db, sql: "SELECT ublSHA256 FROM document")))
        }
        deliveryID = delivery
        ublFile = test.gateway.fileBlobs.url(for: hash)
    }

    var claims: DeliveryClaim { DeliveryClaim(services: gateway.services, worker: SendWorker.new()) }

    func state() throws -> String? {
        try gateway.database.read { db in try String.fetchOne(db, sql: "SELECT state FROM delivery WHERE id = ?", arguments: [deliveryID]) }
    }

    @Test("a stored file that is there but cannot be read postpones the delivery; once readable it goes")
    func unreadableBlobPostpones() throws {
        let saved = try Data(contentsOf: ublFile)
        try FileManager.default.removeItem(at: ublFile)
        try FileManager.default.createDirectory(at: ublFile, withIntermediateDirectories: false)   // reads fail, the path exists
        guard case .postponed(let reason, _)? = try claims.take(deliveryID: deliveryID) else {
            Issue.record("not postponed")
            return
        }
        #expect(reason.contains("could not be read"))
        #expect(try state() == "deferred")
        let due = try gateway.database.read { db in try Date.fetchOne(db, sql: "SELECT dueAt FROM delivery WHERE id = ?", arguments: [deliveryID]) }
        #expect(due.map { $0 > Date() } == true, "waits retry.first, not every pass")
        try FileManager.default.removeItem(at: ublFile)
        try saved.write(to: ublFile)
        guard case .ready? = try claims.take(deliveryID: deliveryID) else {
            Issue.record("not ready once the file is back")
            return
        }
        #expect(try state() == "sending")
    }

    @Test("a stored file that is gone fails the delivery, saying which")
    func missingBlobFails() throws {
        try FileManager.default.removeItem(at: ublFile)
        guard case .refused(let reason, _)? = try claims.take(deliveryID: deliveryID) else {
            Issue.record("not refused")
            return
        }
        #expect(reason.contains("missing"))
        #expect(try state() == "failed")
    }
}
