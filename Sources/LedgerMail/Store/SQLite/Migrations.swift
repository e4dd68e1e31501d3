import GRDB

/// The schema, as an ordered list of migrations: never edit one that has shipped, add another.
enum Migrations {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.create(table: "dossier") { t in
                t.primaryKey("name", .text)
                t.column("company", .text).notNull()
                t.column("enterpriseNumber", .text).notNull()
                t.column("language", .text).notNull()
                t.column("dispatch", .text).notNull()
                t.column("fromName", .text)
                t.column("fromAddress", .text).notNull()
                t.column("accountant", .text).notNull()
                t.column("timeZone", .text).notNull()
                t.column("createdAt", .datetime).notNull()
            }
            try db.create(table: "route") { t in
                t.column("dossier", .text).notNull().references("dossier", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("addresses", .text).notNull()
                t.primaryKey(["dossier", "kind"])
            }
            try db.create(table: "document") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("dossier", .text).notNull().references("dossier", onDelete: .restrict)
                t.column("kind", .text)
                t.column("root", .text)
                t.column("number", .text).notNull()
                t.column("supplierKey", .text).notNull()
                t.column("issueDate", .text)
                t.column("counterparty", .text)
                t.column("fileName", .text).notNull()
                t.column("sourceSHA256", .text).notNull()
                t.column("ublSHA256", .text)
                t.column("pdfSHA256", .text)
                t.column("attachmentBase", .text).notNull()
                t.column("version", .integer).notNull()
                t.column("supersededBy", .integer).references("document")
                t.column("heldReason", .text)
                t.column("importedAt", .datetime).notNull()
                t.uniqueKey(["dossier", "sourceSHA256"])
            }
            try db.create(index: "document_identity", on: "document", columns: ["dossier", "supplierKey", "root", "number"])
            try db.create(table: "delivery") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("documentID", .integer).notNull().references("document", onDelete: .cascade)
                t.column("routeKind", .text)
                t.column("state", .text).notNull()
                t.column("dueAt", .datetime)
                t.column("sentAt", .datetime)
                t.column("attempts", .integer).notNull().defaults(to: 0)
                t.column("messageID", .text).unique()
                t.column("lastReply", .text)
                t.column("bounceRecipient", .text)
                t.column("bounceStatus", .text)
                t.column("bounceReason", .text)
                t.column("bounceDiagnostic", .text)
                t.column("updatedAt", .datetime).notNull()
            }
            try db.create(index: "delivery_due", on: "delivery", columns: ["state", "dueAt"])
            try db.create(table: "deliveryRecipient") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("deliveryID", .integer).notNull().references("delivery", onDelete: .cascade)
                t.column("address", .text).notNull()
                t.column("state", .text).notNull()
                t.column("smtpReply", .text)
            }
            try db.create(table: "inbound") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("receivedAt", .datetime).notNull()
                t.column("folder", .text).notNull()
                t.column("uidValidity", .integer).notNull()
                t.column("uid", .integer).notNull()
                t.column("kind", .text).notNull()
                t.column("fromAddress", .text)
                t.column("subject", .text)
                t.column("summary", .text).notNull()
                t.column("messageID", .text)
                t.column("deliveryID", .integer).references("delivery", onDelete: .setNull)
                t.column("verpValid", .boolean).notNull()
                t.column("rawSHA256", .text).notNull()
                t.uniqueKey(["folder", "uidValidity", "uid"])
            }
            try db.create(table: "mailboxCursor") { t in
                t.primaryKey("mailbox", .text)
                t.column("uidValidity", .integer).notNull()
                t.column("lastUID", .integer).notNull()
            }
        }
        migrator.registerMigration("v2: route options, first attempt") { db in
            try db.alter(table: "route") { t in
                t.add(column: "attach", .text).notNull().defaults(to: "both")
                t.add(column: "dispatch", .text)
                t.add(column: "maxSize", .integer)
            }
            try db.alter(table: "delivery") { t in
                t.add(column: "firstAttemptAt", .datetime)
            }
        }
        migrator.registerMigration("v3: rendered PDFs, other files") { db in
            try db.alter(table: "document") { t in
                t.add(column: "pdfRendered", .boolean).notNull().defaults(to: false)
                t.add(column: "fileSHA256", .text)
                t.add(column: "fileMimeType", .text)
                t.add(column: "fileExtension", .text)
            }
        }
        migrator.registerMigration("v4: inbound by content") { db in
            try db.create(index: "inbound_raw", on: "inbound", columns: ["rawSHA256"])
        }
        migrator.registerMigration("v5: notifications") { db in
            try db.create(table: "notification") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("dossier", .text).notNull().references("dossier", onDelete: .cascade)
                t.column("period", .text).notNull()
                t.column("recipient", .text).notNull()
                t.column("messageID", .text).notNull()
                t.column("sentAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("v6: unreadable mail left for a person") { db in
            try db.alter(table: "inbound") { t in
                t.add(column: "leftInFolder", .boolean).notNull().defaults(to: false)
            }
        }
        migrator.registerMigration("v7: retries for some recipients") { db in
            try db.alter(table: "delivery") { t in
                t.add(column: "onlyRecipients", .text)
            }
        }
        migrator.registerMigration("v8: messages the server would not hand over") { db in
            try db.alter(table: "mailboxCursor") { t in
                t.add(column: "refusedUID", .integer)
                t.add(column: "refusals", .integer).notNull().defaults(to: 0)
            }
        }
        migrator.registerMigration("v9: mail-out parts sent") { db in
            try db.create(table: "selfMailPart") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("dossier", .text).notNull().references("dossier", onDelete: .cascade)
                t.column("period", .text).notNull()
                t.column("recipient", .text).notNull()
                t.column("part", .integer).notNull()
                t.column("parts", .integer).notNull()
                t.column("documentIDs", .text).notNull()   // "12,13,17": what this part carried
                t.column("sentAt", .datetime).notNull()
            }
        }
        migrator.registerMigration("dossiers: archive, a document's latest delivery") { db in
            try db.alter(table: "dossier") { t in
                t.add(column: "archivedAt", .datetime)
            }
            // A document's state is its latest delivery's: found by (documentID, id) without a scan.
            try db.create(index: "delivery_latest", on: "delivery", columns: ["documentID", "id"])
            try db.create(index: "document_current", on: "document", columns: ["dossier", "supersededBy", "id"])
        }
        registerAccounts(&migrator)
        migrator.registerMigration("bounce trust: why inbound mail changed a delivery or not") { db in
            try db.alter(table: "inbound") { t in
                t.add(column: "trust", .text)   // InboundTrust; NULL before it was recorded (see verpValid)
            }
        }
        migrator.registerMigration("digest: owner address and reported events") { db in
            try db.alter(table: "dossier") { t in
                t.add(column: "ownerEmail", .text)
            }
            try db.create(table: "digest") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("dossier", .text).notNull().references("dossier", onDelete: .cascade)
                t.column("recipient", .text).notNull()
                t.column("messageID", .text).notNull()
                t.column("sentAt", .datetime).notNull()
            }
            // What a digest reported: each event (a delivery's trouble, a held document, a reply) once.
            try db.create(table: "digestEvent") { t in
                t.column("digestID", .integer).notNull().references("digest", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("subjectID", .integer).notNull()
                t.primaryKey(["kind", "subjectID"])
            }
        }
        migrator.registerMigration("indexes: a delivery's recipients and inbound mail, versions, Message-IDs") { db in
            // status reads recipients and inbound mail per delivery; removing a dossier cascades
            // through them; the inbox looks deliveries up by Message-ID: none of it may scan.
            try db.create(index: "deliveryRecipient_delivery", on: "deliveryRecipient", columns: ["deliveryID"])
            try db.create(index: "inbound_delivery", on: "inbound", columns: ["deliveryID"])
            try db.create(index: "document_supersededBy", on: "document", columns: ["supersededBy"])
        }
        registerFeed(&migrator)
        migrator.registerMigration("held documents: a reason code, its sentence derived") { db in
            // Queries ask for the reason itself (documents waiting for a route), never its wording.
            try db.alter(table: "document") { t in
                t.add(column: "heldBecause", .text)
                t.rename(column: "heldReason", to: "heldDetail")
            }
            try db.execute(sql: """
                UPDATE document SET heldBecause = CASE
                    WHEN heldDetail LIKE 'no route for %' THEN 'no-route'
                    WHEN heldDetail LIKE 'a new version (%' THEN 'new-version'
                    ELSE 'kind-undecided' END
                WHERE heldDetail IS NOT NULL
                """)
            try db.execute(sql: "UPDATE document SET heldDetail = NULL WHERE heldBecause <> 'kind-undecided'")
        }
        migrator.registerMigration("deliveries: claim lease") { db in
            // Many send workers: a delivery in flight names its worker and how long its claim holds.
            try db.alter(table: "delivery") { t in
                t.add(column: "claimedBy", .text)
                t.add(column: "leaseUntil", .datetime)
            }
        }
        registerStatus(&migrator)
        registerPeriodDay(&migrator)
        return migrator
    }
}
