/// The PostgreSQL schema: the tables, columns, keys and indexes that Migrations.swift gives
/// SQLite (same names, camelCase quoted), in PostgreSQL's types: bigserial ids, bigint,
/// timestamptz for dates, boolean, bytea. Plus what SQLite keeps in files beside the database:
/// the blobs and the VERP key, so that workers on several machines share everything.
enum PostgresSchema {
    static let tables: [String] = [
        """
        CREATE TABLE "dossier" ("name" text PRIMARY KEY, "company" text NOT NULL, "enterpriseNumber" text NOT NULL,
          "language" text NOT NULL, "dispatch" text NOT NULL, "fromName" text, "fromAddress" text NOT NULL,
          "accountant" text NOT NULL, "timeZone" text NOT NULL, "createdAt" timestamptz NOT NULL,
          "archivedAt" timestamptz, "ownerEmail" text)
        """,
        """
        CREATE TABLE "route" ("dossier" text NOT NULL REFERENCES "dossier" ON DELETE CASCADE, "kind" text NOT NULL,
          "addresses" text NOT NULL, "attach" text NOT NULL DEFAULT 'both', "dispatch" text, "maxSize" bigint,
          "pull" boolean NOT NULL DEFAULT false, PRIMARY KEY ("dossier", "kind"))
        """,
        """
        CREATE TABLE "document" ("id" bigserial PRIMARY KEY, "dossier" text NOT NULL REFERENCES "dossier" ON DELETE RESTRICT,
          "kind" text, "root" text, "number" text NOT NULL, "supplierKey" text NOT NULL, "issueDate" text, "counterparty" text,
          "fileName" text NOT NULL, "sourceSHA256" text NOT NULL, "ublSHA256" text, "pdfSHA256" text,
          "attachmentBase" text NOT NULL, "version" bigint NOT NULL, "supersededBy" bigint REFERENCES "document",
          "heldReason" text, "importedAt" timestamptz NOT NULL, "pdfRendered" boolean NOT NULL DEFAULT false,
          "fileSHA256" text, "fileMimeType" text, "fileExtension" text, UNIQUE ("dossier", "sourceSHA256"))
        """,
        """
        CREATE TABLE "delivery" ("id" bigserial PRIMARY KEY, "documentID" bigint NOT NULL REFERENCES "document" ON DELETE CASCADE,
          "routeKind" text, "state" text NOT NULL, "dueAt" timestamptz, "sentAt" timestamptz, "attempts" bigint NOT NULL DEFAULT 0,
          "messageID" text UNIQUE, "lastReply" text, "bounceRecipient" text, "bounceStatus" text, "bounceReason" text,
          "bounceDiagnostic" text, "updatedAt" timestamptz NOT NULL, "firstAttemptAt" timestamptz, "onlyRecipients" text,
          "collectedAt" timestamptz, "collectedBy" text)
        """,
        """
        CREATE TABLE "deliveryRecipient" ("id" bigserial PRIMARY KEY,
          "deliveryID" bigint NOT NULL REFERENCES "delivery" ON DELETE CASCADE, "address" text NOT NULL,
          "state" text NOT NULL, "smtpReply" text)
        """,
        """
        CREATE TABLE "inbound" ("id" bigserial PRIMARY KEY, "receivedAt" timestamptz NOT NULL, "folder" text NOT NULL,
          "uidValidity" bigint NOT NULL, "uid" bigint NOT NULL, "kind" text NOT NULL, "fromAddress" text, "subject" text,
          "summary" text NOT NULL, "messageID" text, "deliveryID" bigint REFERENCES "delivery" ON DELETE SET NULL,
          "verpValid" boolean NOT NULL, "rawSHA256" text NOT NULL, "leftInFolder" boolean NOT NULL DEFAULT false,
          "trust" text, UNIQUE ("folder", "uidValidity", "uid"))
        """,
        """
        CREATE TABLE "mailboxCursor" ("mailbox" text PRIMARY KEY, "uidValidity" bigint NOT NULL, "lastUID" bigint NOT NULL,
          "refusedUID" bigint, "refusals" bigint NOT NULL DEFAULT 0)
        """,
        """
        CREATE TABLE "notification" ("id" bigserial PRIMARY KEY, "dossier" text NOT NULL REFERENCES "dossier" ON DELETE CASCADE,
          "period" text NOT NULL, "recipient" text NOT NULL, "messageID" text NOT NULL, "sentAt" timestamptz NOT NULL)
        """,
        """
        CREATE TABLE "selfMailPart" ("id" bigserial PRIMARY KEY, "dossier" text NOT NULL REFERENCES "dossier" ON DELETE CASCADE,
          "period" text NOT NULL, "recipient" text NOT NULL, "part" bigint NOT NULL, "parts" bigint NOT NULL,
          "documentIDs" text NOT NULL, "sentAt" timestamptz NOT NULL)
        """,
        """
        CREATE TABLE "account" ("email" text PRIMARY KEY, "role" text NOT NULL, "language" text NOT NULL,
          "passwordHash" text NOT NULL, "createdAt" timestamptz NOT NULL)
        """,
        """
        CREATE TABLE "accountDossier" ("account" text NOT NULL REFERENCES "account" ON DELETE CASCADE,
          "dossier" text NOT NULL REFERENCES "dossier" ON DELETE CASCADE, PRIMARY KEY ("account", "dossier"))
        """,
        #"CREATE TABLE "loginFailure" ("email" text NOT NULL, "failedAt" timestamptz NOT NULL)"#,
        #"CREATE TABLE "webSession" ("keyHash" text PRIMARY KEY, "value" bytea NOT NULL, "expiresAt" timestamptz)"#,
        """
        CREATE TABLE "digest" ("id" bigserial PRIMARY KEY, "dossier" text NOT NULL REFERENCES "dossier" ON DELETE CASCADE,
          "recipient" text NOT NULL, "messageID" text NOT NULL, "sentAt" timestamptz NOT NULL)
        """,
        """
        CREATE TABLE "digestEvent" ("digestID" bigint NOT NULL REFERENCES "digest" ON DELETE CASCADE, "kind" text NOT NULL,
          "subjectID" bigint NOT NULL, PRIMARY KEY ("kind", "subjectID"))
        """,
        """
        CREATE TABLE "apiToken" ("id" bigserial PRIMARY KEY, "tokenHash" text NOT NULL UNIQUE,
          "account" text NOT NULL REFERENCES "account" ON DELETE CASCADE, "dossiers" text NOT NULL,
          "createdAt" timestamptz NOT NULL, "revokedAt" timestamptz)
        """,
        // Content-addressed bytes (documents, mails): what SQLite installs keep under data_dir/store.
        #"CREATE TABLE "blob" ("sha256" text PRIMARY KEY, "bytes" bytea NOT NULL, "size" bigint NOT NULL)"#,
        // Stored as they are, out of line: PDFs do not compress, and reading a large one in
        // pieces (substring) then touches only the pieces.
        #"ALTER TABLE "blob" ALTER COLUMN "bytes" SET STORAGE EXTERNAL"#,
        // Keys made once per install (the VERP key), shared by every worker.
        #"CREATE TABLE "secret" ("name" text PRIMARY KEY, "value" bytea NOT NULL)"#,
    ]

    static let indexes: [String] = [
        #"CREATE INDEX "document_identity" ON "document" ("dossier", "supplierKey", "root", "number")"#,
        #"CREATE INDEX "delivery_due" ON "delivery" ("state", "dueAt")"#,
        #"CREATE INDEX "inbound_raw" ON "inbound" ("rawSHA256")"#,
        #"CREATE INDEX "delivery_latest" ON "delivery" ("documentID", "id")"#,
        #"CREATE INDEX "document_current" ON "document" ("dossier", "supersededBy", "id")"#,
        #"CREATE INDEX "deliveryRecipient_delivery" ON "deliveryRecipient" ("deliveryID")"#,
        #"CREATE INDEX "inbound_delivery" ON "inbound" ("deliveryID")"#,
        #"CREATE INDEX "document_supersededBy" ON "document" ("supersededBy")"#,
        #"CREATE INDEX "accountDossier_dossier" ON "accountDossier" ("dossier")"#,
        #"CREATE INDEX "loginFailure_email" ON "loginFailure" ("email", "failedAt")"#,
    ]
}
