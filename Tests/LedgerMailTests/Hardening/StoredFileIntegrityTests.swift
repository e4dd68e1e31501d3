import Foundation
import GRDB
import Testing
@testable import LedgerMail

extension RealStack {
/// A stored file changed on disk after import is never sent as changed: every read for
/// sending, preview or export checks its SHA-256.
@Suite("Stored file integrity")
struct StoredFileIntegrityTests {
    init() { MailStack.reset() }

    /// Imports the sample purchase invoice and changes its stored UBL on disk.
    func tampered() throws -> (TestGateway, Int64) {
        let test = try TestGateway.make(imap: nil)
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        let row = try #require(try test.gateway.database.read { db in try Row.fetchOne(db, sql: "SELECT id, ublSHA256 FROM document") })
        let id: Int64 = row["id"]
        let hash: String = row["ublSHA256"]
        let file = test.gateway.fileBlobs.url(for: hash)
        var bytes = try Data(contentsOf: file)
        bytes.replaceSubrange(0..<5, with: Data("<?XML".utf8))
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
        try bytes.write(to: file)
        return (test, id)
    }

    @Test("send: the delivery fails with the reason, nothing goes out")
    func sendRefuses() async throws {
        let (test, _) = try tampered()
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        #expect(report.sent == 0 && report.failed == 1, "\(report)")
        let delivery = try #require(try test.gateway.status(dossier: "acme").first?.deliveries.first)
        #expect(delivery.state == .failed && delivery.lastReply?.contains("SHA-256") == true, "\(delivery.lastReply ?? "")")
        try await Task.sleep(for: .seconds(1))
        #expect(try MailStack.count("inkoop@acct.test") == 0)
    }

    @Test("preview and mail-out refuse the changed file too")
    func previewAndExportRefuse() async throws {
        let (test, id) = try tampered()
        #expect { _ = try test.gateway.preview.mail(dossier: "acme", documentID: id, route: nil) } throws: { "\($0)".contains("SHA-256") }
        let period = try Period(parsing: "2026-Q4")
        await #expect { _ = try await test.gateway.mailOut.send(dossier: "acme", period: period, to: "owner@gateway.test", zip: false) } throws: {
            "\($0)".contains("SHA-256")
        }
    }
}
}
