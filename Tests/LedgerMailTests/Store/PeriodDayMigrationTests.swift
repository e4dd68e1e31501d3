import Foundation
import GRDB
import Testing
@testable import LedgerMail

/// Documents stored before the period day was kept get it from the migration, by the rule new
/// documents get it by (`DocumentRecord.periodDay`): the issue date's calendar day (a zone does
/// not change it), else the import day in the dossier's time zone.
@Suite("Period day migration")
struct PeriodDayMigrationTests {
    static let issued: [String?] = ["2026-09-30+02:00", " 2026-10-02", "2026-02-30", "30/09/2026", nil]
    /// 23:30 UTC on 30 September is already 1 October in Brussels.
    static let imported = Date(timeIntervalSince1970: 1_790_811_000)
    static let expected: [String?] = ["2026-09-30", "2026-10-02", "2026-10-01", "2026-10-01", "2026-10-01"]

    @Test("SQLite: documents imported before the migration get their issue day, undated ones their import day in Brussels")
    func sqlite() throws {
        let queue = try DatabaseQueue()
        try Migrations.migrator.migrate(queue, upTo: "status: a document's state kept on it, indexes for the status filters")
        try queue.write { db in
            try PostgresRecordTests.dossier.insert(db)
            for (index, date) in Self.issued.enumerated() {
                try db.execute(sql: """
                    INSERT INTO document (dossier, number, supplierKey, issueDate, fileName, sourceSHA256, attachmentBase, version, importedAt)
                    VALUES ('acme', ?, 'x', ?, 'f.xml', ?, 'f', 1, ?)
                    """, arguments: ["F\(index)", date, "sha\(index)", Self.imported])
            }
        }
        try Migrations.migrator.migrate(queue)
        let days = try queue.read { db in try String?.fetchAll(db, sql: "SELECT periodDay FROM document ORDER BY id") }
        #expect(days == Self.expected)
    }

    @Test("PostgreSQL: the migration's PL/pgSQL gives existing documents the period day Swift gives new ones",
          .enabled(if: TestPostgres.available, TestPostgres.skipNote))
    func postgres() async throws {
        let (inserted, migrated) = try await TestPostgres.withEngine { engine in
            try engine.write { tx in
                try tx.insert(PostgresRecordTests.dossier, into: "dossier")
                for (index, date) in Self.issued.enumerated() {
                    var document = PostgresRecordTests.document("F\(index)")
                    document.issueDate = date
                    document.importedAt = Self.imported
                    try tx.insert(&document)
                }
                let inserted = try tx.fetchAll(String?.self, #"SELECT "periodDay" FROM "document" ORDER BY "id""#)
                try tx.execute(#"UPDATE "document" SET "periodDay" = NULL"#)
                let backfill = try #require(PostgresMigrations.all.last?.statements.first { $0.hasPrefix("DO") })
                try tx.execute(backfill)
                return (inserted, try tx.fetchAll(String?.self, #"SELECT "periodDay" FROM "document" ORDER BY "id""#))
            }
        }
        #expect(inserted == Self.expected)
        #expect(migrated == Self.expected)
    }
}
