import GRDB

extension Migrations {
    /// A period's documents are those whose issue date falls in it, or, lacking a calendar issue
    /// date, whose import day does. Deciding that per row in Swift read every document of a
    /// dossier imported lately (9 s over 100,000 brought in at once); the day is kept on the
    /// document instead, so the quarter-end plan and `status --period` compare an indexed column.
    static func registerIssueDay(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("documents: the issue date's calendar day, for period queries") { db in
            try db.alter(table: "document") { t in t.add(column: "issueDay", .text) }
            // The rule is Swift's (`Period.calendarDay`), so existing rows get it from Swift too.
            let dated = try Row.fetchCursor(db, sql: "SELECT id, issueDate FROM document WHERE issueDate IS NOT NULL")
            let update = try db.makeStatement(sql: "UPDATE document SET issueDay = ? WHERE id = ?")
            var days: [(Int64, String)] = []
            while let row = try dated.next() {
                if let day = Period.calendarDay(row["issueDate"]) { days.append((row["id"], day)) }
            }
            for (id, day) in days { try update.execute(arguments: [day, id]) }
            try db.create(index: "document_period", on: "document", columns: ["dossier", "issueDay"],
                          condition: Column("supersededBy") == nil)
        }
    }
}
