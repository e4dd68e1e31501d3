import Foundation
import Testing
@testable import LedgerMail

/// `db copy`: a populated SQLite install into an empty PostgreSQL database, checked, and the
/// same answers from both engines afterwards.
@Suite("db copy into PostgreSQL", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
struct DatabaseCopyTests {
    /// A dossier with routes, a scheduled purchase invoice, a held document and a new version.
    static func populated() throws -> TestGateway {
        let test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        try test.gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"], attach: .pdf)
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.unknownParty)
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.salesInvoice)
        return test
    }

    @Test("every table, every stored file and the VERP key are copied and checked; the overview reads the same on both engines")
    func copiesAndChecks() async throws {
        let test = try Self.populated()
        let settings = test.gateway.settings
        let (report, overview, documents) = try await TestPostgres.withDatabase { target in
            let report = try StoreCopy.copy(from: settings, to: target)
            let engine = try PostgresEngine(settings: target)
            defer { engine.close() }
            let overview = try engine.read { tx in try tx.dossierOverview(quarterStarts: ["Europe/Brussels": Date(timeIntervalSince1970: 0)]) }
            let documents = try engine.read { tx in try tx.fetchAll(DocumentRecord.self, #"SELECT * FROM "document" ORDER BY "id""#) }
            // The planner knows the copied rows at once (not when autovacuum comes by).
            let analyzed = try engine.read { tx in
                try tx.fetchValue(Bool.self, #"SELECT "last_analyze" IS NOT NULL FROM pg_stat_user_tables WHERE "relname" = 'document'"#)
            }
            #expect(analyzed == true)
            return (report, overview, documents)
        }
        let sqlite = try test.gateway.store.read { tx in
            try tx.dossierOverview(quarterStarts: ["Europe/Brussels": Date(timeIntervalSince1970: 0)])
        }
        #expect(overview == sqlite && overview.first?.documents == 3, "\(overview) vs \(sqlite)")
        #expect(report.rows.first { $0.table == "document" }?.count == 3)
        #expect(report.rows.first { $0.table == "route" }?.count == 2)
        #expect(report.blobs == (try test.gateway.fileBlobs.allHashes().count) && report.blobs >= 3)
        let held = try #require(documents.first { $0.number == "X-77" })
        #expect(held.heldBecause == .kindUndecided && held.heldDetail != nil && held.importedAt.timeIntervalSinceNow < 60)
    }

    @Test("a target that already holds an install is refused, and nothing of it changes")
    func refusesNonEmptyTarget() async throws {
        let test = try Self.populated()
        let settings = test.gateway.settings
        let second = try await TestPostgres.withDatabase { target in
            _ = try StoreCopy.copy(from: settings, to: target)
            return Result { try StoreCopy.copy(from: settings, to: target) }
        }
        #expect(throws: CopyTargetNotEmpty.self) { try second.get() }
    }

    @Test("db copy on the command line prints what it copied and checked; a URL with a password in it is refused")
    func commandLine() async throws {
        let test = try Self.populated()
        let config = test.directory.appendingPathComponent("ledgermail.yaml")
        try "data_dir: data\n".write(to: config, atomically: true, encoding: .utf8)
        let output = try await TestPostgres.withDatabase { target in
            CommandLine.run(["db", "copy", "--to", "postgres://\(target.user)@\(target.host):\(target.port)/\(target.database)",
                             "--config", config.path], in: test.directory)
        }
        #expect(output.status == 0 && output.output.contains("copied and checked") && output.output.contains("document: 3 row(s)"),
                "\(output.output)")
        let refused = CommandLine.run(["db", "copy", "--to", "postgres://a:secret@127.0.0.1/x", "--config", config.path], in: test.directory)
        #expect(refused.status != 0 && !refused.output.contains("secret") && refused.output.contains("password"), "\(refused.output)")
    }
}
