import Foundation
import PostgresNIO

/// The PostgreSQL schema's history, applied at every open: in one transaction, under an
/// advisory lock, so two processes starting at once neither race nor apply anything twice.
enum PostgresMigrations {
    /// In order; never edit one that has shipped, add another at the end.
    static let all: [(name: String, statements: [String])] = [
        ("schema: the SQLite schema of issue 10, blobs and secrets", PostgresSchema.tables + PostgresSchema.indexes),
        ("held documents: a reason code, its sentence derived", [
            #"ALTER TABLE "document" ADD COLUMN "heldBecause" text"#,
            #"ALTER TABLE "document" RENAME COLUMN "heldReason" TO "heldDetail""#,
            """
            UPDATE "document" SET "heldBecause" = CASE
                WHEN "heldDetail" LIKE 'no route for %' THEN 'no-route'
                WHEN "heldDetail" LIKE 'a new version (%' THEN 'new-version'
                ELSE 'kind-undecided' END
            WHERE "heldDetail" IS NOT NULL
            """,
            #"UPDATE "document" SET "heldDetail" = NULL WHERE "heldBecause" <> 'kind-undecided'"#,
        ]),
        ("deliveries: claim lease", [#"ALTER TABLE "delivery" ADD COLUMN "claimedBy" text, ADD COLUMN "leaseUntil" timestamptz"#]),
        (PostgresStatusMigration.name, PostgresStatusMigration.statements),
        ("documents: the day that places each in a period", [
            #"ALTER TABLE "document" ADD COLUMN "periodDay" text"#,
            // `DocumentRecord.periodDay` in PL/pgSQL: a `YYYY-MM-DD` prefix of the issue date,
            // then nothing or a zone, naming a real day (the cast refuses 2026-02-30); else the
            // import day in the dossier's time zone (Brussels for a zone PostgreSQL does not know).
            """
            DO $$ DECLARE doc record; day text; BEGIN
                FOR doc IN SELECT d."id", btrim(d."issueDate", E' \t') AS issued, d."importedAt" AS imported, o."timeZone" AS zone
                           FROM "document" d JOIN "dossier" o ON o."name" = d."dossier" LOOP
                    day := NULL;
                    IF doc.issued ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}([Z+-]|$)' THEN
                        BEGIN
                            PERFORM substr(doc.issued, 1, 10)::date;
                            day := substr(doc.issued, 1, 10);
                        EXCEPTION WHEN others THEN day := NULL;
                        END;
                    END IF;
                    IF day IS NULL THEN
                        BEGIN
                            day := to_char(doc.imported AT TIME ZONE doc.zone, 'YYYY-MM-DD');
                        EXCEPTION WHEN others THEN day := to_char(doc.imported AT TIME ZONE 'Europe/Brussels', 'YYYY-MM-DD');
                        END;
                    END IF;
                    UPDATE "document" SET "periodDay" = day WHERE "id" = doc."id";
                END LOOP;
            END $$
            """,
            #"CREATE INDEX "document_period" ON "document" ("dossier", "periodDay") WHERE "supersededBy" IS NULL"#,
        ]),
    ]

    /// pg_advisory_xact_lock's key for migrations ("LedgMigr" in ASCII): held until commit.
    static let lockKey: Int64 = 0x4C65_6467_4D69_6772

    static func apply(_ engine: PostgresEngine) throws {
        // READ COMMITTED: after waiting for the lock, each statement sees what the process that
        // held it committed (a snapshot taken before the wait would not).
        try engine.write(isolation: .readCommitted) { transaction in
            try transaction.execute("SELECT pg_advisory_xact_lock($1)", try .of(lockKey))
            try transaction.execute(#"CREATE TABLE IF NOT EXISTS "schemaMigration" ("name" text PRIMARY KEY, "appliedAt" timestamptz NOT NULL DEFAULT now())"#)
            let applied = Set(try transaction.fetchAll(String.self, #"SELECT "name" FROM "schemaMigration""#))
            let known = Set(all.map(\.name))
            if let newer = applied.subtracting(known).sorted().first {
                throw SchemaFromNewerVersion(migration: newer)
            }
            for migration in all where !applied.contains(migration.name) {
                for statement in migration.statements { try transaction.execute(statement) }
                try transaction.execute(#"INSERT INTO "schemaMigration" ("name") VALUES ($1)"#, try .of(migration.name))
            }
        }
    }
}

/// The database was brought up to date by a newer LedgerMail than this one.
struct SchemaFromNewerVersion: Error, Sendable, CustomStringConvertible {
    let migration: String
    var description: String {
        "the PostgreSQL database holds the migration '\(migration)', which this version of LedgerMail does not know: a newer version uses it. Upgrade this one before running it against that database"
    }
}
