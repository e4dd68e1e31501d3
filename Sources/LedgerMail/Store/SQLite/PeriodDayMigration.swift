import Foundation
import GRDB

extension Migrations {
    /// A period's documents are those issued in it, or, lacking a calendar issue date, imported
    /// in it (the day in the dossier's time zone). Deciding that per row in Swift read every
    /// document of a dossier imported lately (9.8 s over 100,000 brought in at once); the day is
    /// kept on the document instead, so the quarter-end plan and `status --period` ask one
    /// indexed range and agree.
    static func registerPeriodDay(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("documents: the day that places each in a period") { db in
            try db.alter(table: "document") { t in t.add(column: "periodDay", .text) }
            // The rule is Swift's (`DocumentRecord.periodDay`), so existing rows get it from Swift too.
            let zones = Dictionary(try Row.fetchAll(db, sql: "SELECT name, timeZone FROM dossier").map { ($0["name"] as String, $0["timeZone"] as String) },
                                   uniquingKeysWith: { first, _ in first })
            let documents = try Row.fetchCursor(db, sql: "SELECT id, dossier, issueDate, importedAt FROM document")
            var days: [(Int64, String)] = []
            while let row = try documents.next() {
                days.append((row["id"], DocumentRecord.periodDay(issueDate: row["issueDate"], importedAt: row["importedAt"],
                                                                 timeZone: zones[row["dossier"]])))
            }
            let update = try db.makeStatement(sql: "UPDATE document SET periodDay = ? WHERE id = ?")
            for (id, day) in days { try update.execute(arguments: [day, id]) }
            try db.create(index: "document_period", on: "document", columns: ["dossier", "periodDay"],
                          condition: Column("supersededBy") == nil)
        }
    }
}
