import GRDB

extension Migrations {
    /// A document's state is its latest delivery's, `held` when it has none. Finding the latest
    /// delivery of every document costs a lookup per document (100 ms over 100,000), so the
    /// state is also kept on the document itself, by triggers: whatever code writes a delivery,
    /// the copy follows, and `status --summary` and `--state` read an index instead.
    static func registerStatus(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("status: a document's state kept on it, indexes for the status filters") { db in
            try db.alter(table: "document") { t in
                t.add(column: "latestState", .text).notNull().defaults(to: DeliveryState.held.rawValue)
            }
            try db.execute(sql: """
                UPDATE document SET latestState = COALESCE(
                    (SELECT d.state FROM delivery d WHERE d.documentID = document.id ORDER BY d.id DESC LIMIT 1), 'held');
                CREATE TRIGGER delivery_state_inserted AFTER INSERT ON delivery
                WHEN NEW.id = (SELECT MAX(d.id) FROM delivery d WHERE d.documentID = NEW.documentID)
                BEGIN UPDATE document SET latestState = NEW.state WHERE id = NEW.documentID; END;
                CREATE TRIGGER delivery_state_updated AFTER UPDATE OF state ON delivery
                WHEN NEW.id = (SELECT MAX(d.id) FROM delivery d WHERE d.documentID = NEW.documentID)
                BEGIN UPDATE document SET latestState = NEW.state WHERE id = NEW.documentID; END;
                CREATE TRIGGER delivery_state_deleted AFTER DELETE ON delivery
                BEGIN UPDATE document SET latestState = COALESCE(
                    (SELECT d.state FROM delivery d WHERE d.documentID = OLD.documentID ORDER BY d.id DESC LIMIT 1), 'held')
                    WHERE id = OLD.documentID; END;
                """)
            // Current documents in `status` order, by state, and by kind and state (the summary).
            try db.create(index: "document_status_order", on: "document", columns: ["dossier", "id"],
                          condition: Column("supersededBy") == nil)
            try db.create(index: "document_status_state", on: "document", columns: ["dossier", "latestState", "id"],
                          condition: Column("supersededBy") == nil)
            try db.create(index: "document_status_kind", on: "document", columns: ["dossier", "kind", "latestState"],
                          condition: Column("supersededBy") == nil)
        }
    }
}
