import Foundation

extension PostgresTransaction: DocumentQueries {
    func document(id: Int64) throws -> DocumentRecord? {
        try fetchOne(DocumentRecord.self, #"SELECT * FROM "document" WHERE "id" = $1"#, try .of(id))
    }

    func insert(_ document: inout DocumentRecord) throws {
        if document.periodDay == nil {
            document.keepPeriodDay(timeZone: try fetchValue(String.self, #"SELECT "timeZone" FROM "dossier" WHERE "name" = $1"#,
                                                             try .of(document.dossier)))
        }
        document.id = try insertReturningID(document, into: "document")
    }
    func update(_ document: DocumentRecord) throws { try update(document, in: "document") }

    func documentID(importedFrom sourceSHA256: String, dossier: String) throws -> Int64? {
        try fetchValue(Int64.self, #"SELECT "id" FROM "document" WHERE "dossier" = $1 AND "sourceSHA256" = $2"#,
                       try .of(dossier, sourceSHA256))
    }

    func currentVersion(dossier: String, supplierKey: String, root: DocumentRoot?, number: String) throws -> DocumentRecord? {
        try fetchOne(DocumentRecord.self, #"""
            SELECT * FROM "document" WHERE "dossier" = $1 AND "supplierKey" = $2 AND \#(Self.sameRoot(#""root""#))
              AND "number" = $4 AND "supersededBy" IS NULL ORDER BY "version" DESC LIMIT 1
            """#, try .of(dossier, supplierKey, root, number))
    }

    func savepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT lm_one_file")
        do {
            let result = try body()
            try execute("RELEASE SAVEPOINT lm_one_file")
            return result
        } catch {
            try execute("ROLLBACK TO SAVEPOINT lm_one_file")
            throw error
        }
    }

    func currentDocuments(dossier: String, kind: DocumentKind, heldBecause reason: HoldReason) throws -> [DocumentRecord] {
        try fetchAll(DocumentRecord.self, #"""
            SELECT * FROM "document" WHERE "dossier" = $1 AND "supersededBy" IS NULL AND "kind" = $2 AND "heldBecause" = $3
            ORDER BY "id"
            """#, try .of(dossier, kind, reason))
    }

    func heldWithoutKind(dossier: String) throws -> [DocumentRecord] {
        // A document's state is its latest delivery's, `held` without one (DocumentStateSQL).
        try fetchAll(DocumentRecord.self, #"""
            SELECT doc.* FROM "document" doc LEFT JOIN "delivery" latest
                ON latest."id" = (SELECT MAX(d."id") FROM "delivery" d WHERE d."documentID" = doc."id")
            WHERE doc."supersededBy" IS NULL AND doc."dossier" = $1 AND doc."kind" IS NULL AND doc."ublSHA256" IS NOT NULL
              AND COALESCE(latest."state", 'held') = 'held'
            ORDER BY doc."id"
            """#, try .of(dossier))
    }

    func periodDayInputs(dossier: String) throws -> [PeriodDayInput] {
        try fetchAll(PeriodDayInput.self, #"""
            SELECT "id", "issueDate", "importedAt", "periodDay" FROM "document" WHERE "dossier" = $1 ORDER BY "id"
            """#, try .of(dossier))
    }

    func setPeriodDay(_ day: String, document id: Int64) throws {
        try execute(#"UPDATE "document" SET "periodDay" = $1 WHERE "id" = $2"#, try .of(day, id))
    }

    /// `column` equals the root bound as $3, NULL matching NULL. Not `IS NOT DISTINCT FROM`:
    /// PostgreSQL uses no index for that, and a busy supplier's versions were then read one by one
    /// (6 ms an import over 100,000 documents of one supplier).
    static func sameRoot(_ column: String) -> String {
        "(\(column) = $3::text OR ($3::text IS NULL AND \(column) IS NULL))"
    }
}
