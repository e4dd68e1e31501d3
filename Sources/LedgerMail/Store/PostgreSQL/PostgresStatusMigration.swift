/// The PostgreSQL side of the SQLite migration of the same name (`registerStatus`): a document's
/// state kept on it by a trigger on `delivery`, and the indexes of the status filters.
enum PostgresStatusMigration {
    static let name = "status: a document's state kept on it, indexes for the status filters"
    static let statements = [
        #"ALTER TABLE "document" ADD COLUMN "latestState" text NOT NULL DEFAULT 'held'"#,
        """
        UPDATE "document" doc SET "latestState" = COALESCE(
            (SELECT d."state" FROM "delivery" d WHERE d."documentID" = doc."id" ORDER BY d."id" DESC LIMIT 1), 'held')
        """,
        """
        CREATE FUNCTION "documentLatestState"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
            IF TG_OP = 'DELETE' THEN
                UPDATE "document" SET "latestState" = COALESCE(
                    (SELECT d."state" FROM "delivery" d WHERE d."documentID" = OLD."documentID" ORDER BY d."id" DESC LIMIT 1), 'held')
                WHERE "id" = OLD."documentID";
                RETURN OLD;
            END IF;
            UPDATE "document" SET "latestState" = NEW."state" WHERE "id" = NEW."documentID"
                AND NEW."id" = (SELECT MAX(d."id") FROM "delivery" d WHERE d."documentID" = NEW."documentID");
            RETURN NEW;
        END $$
        """,
        """
        CREATE TRIGGER "delivery_latestState" AFTER INSERT OR DELETE OR UPDATE OF "state" ON "delivery"
        FOR EACH ROW EXECUTE FUNCTION "documentLatestState"()
        """,
        #"CREATE INDEX "document_status_order" ON "document" ("dossier", "id") WHERE "supersededBy" IS NULL"#,
        #"CREATE INDEX "document_status_state" ON "document" ("dossier", "latestState", "id") WHERE "supersededBy" IS NULL"#,
        #"CREATE INDEX "document_status_kind" ON "document" ("dossier", "kind", "latestState") WHERE "supersededBy" IS NULL"#,
    ]
}
