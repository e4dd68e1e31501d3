import Foundation
import Testing
@testable import LedgerMail

@Suite("PostgreSQL records", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
struct PostgresRecordTests {
    /// timestamptz keeps microseconds: a date with more (any `Date()`) comes back rounded to them.
    static let now = Date(timeIntervalSince1970: 1_790_000_000.125)

    static let dossier = DossierRecord(
        name: "acme", company: "Acme NV", enterpriseNumber: "0123456789", language: .nl, dispatch: .afterTenMinutes,
        fromName: nil, fromAddress: "acme@gateway.test", accountant: "Boekhouder", timeZone: "Europe/Brussels",
        createdAt: now, archivedAt: nil, ownerEmail: "owner@gateway.test")

    static func document(_ number: String) -> DocumentRecord {
        DocumentRecord(
            id: nil, dossier: "acme", kind: .salesInvoice, root: .invoice, number: number, supplierKey: "BE0123456789",
            issueDate: "2026-11-30", counterparty: nil, fileName: "\(number).xml", sourceSHA256: BlobStore.sha256Hex(Data(number.utf8)),
            ublSHA256: nil, pdfSHA256: "bb", pdfRendered: true, fileSHA256: nil, fileMimeType: nil, fileExtension: nil,
            attachmentBase: number, version: 1, supersededBy: nil, heldBecause: .kindUndecided, heldDetail: "no party matches", importedAt: now)
    }

    @Test("a record goes in and comes back the same: text, optionals, dates, booleans, integers, enums, bytes")
    func roundTrip() async throws {
        let (document, inbound, session, event) = try await TestPostgres.withEngine { engine in
            try engine.write { transaction in
                try transaction.insert(Self.dossier, into: "dossier")
                let documentID = try transaction.insertReturningID(Self.document("F1"), into: "document")
                let deliveryID = try transaction.insertReturningID(
                    DeliveryRecord.new(documentID: documentID, routeKind: .salesInvoice, state: .scheduled, dueAt: Self.now, now: Self.now), into: "delivery")
                var inbound = InboundRecord(
                    id: nil, receivedAt: Self.now, folder: "INBOX", uidValidity: 7, uid: 9_000_000_000, kind: .bounce, fromAddress: nil,
                    subject: "Undelivered", summary: "550", messageID: nil, deliveryID: deliveryID, verpValid: true, trust: .noEnvelopeToken,
                    rawSHA256: "cc", leftInFolder: false)
                inbound.id = try transaction.insertReturningID(inbound, into: "inbound")
                try transaction.insert(WebSessionRecord(keyHash: "k", value: Data([0, 1, 2, 255]), expiresAt: nil), into: "webSession")
                let digestID = try transaction.insertReturningID(
                    DigestRecord(id: nil, dossier: "acme", recipient: "owner@gateway.test", messageID: "<d@x>", sentAt: Self.now), into: "digest")
                try transaction.insert(DigestEventRecord(digestID: digestID, kind: .gaveUp, subjectID: deliveryID), into: "digestEvent")
                return (try transaction.fetchOne(DocumentRecord.self, #"SELECT * FROM "document" WHERE "id" = $1"#, try .of(documentID)),
                        try transaction.fetchOne(InboundRecord.self, #"SELECT * FROM "inbound""#),
                        try transaction.fetchOne(WebSessionRecord.self, #"SELECT * FROM "webSession""#),
                        try transaction.fetchOne(DigestEventRecord.self, #"SELECT * FROM "digestEvent""#))
            }
        }
        let stored = try #require(document)
        #expect(stored.id != nil && stored.number == "F1" && stored.kind == .salesInvoice && stored.counterparty == nil)
        #expect(stored.pdfRendered && stored.version == 1 && stored.heldBecause == .kindUndecided && stored.heldDetail == "no party matches")
        #expect(stored.importedAt == Self.now)
        #expect(inbound?.trust == .noEnvelopeToken && inbound?.uid == 9_000_000_000 && inbound?.verpValid == true && inbound?.fromAddress == nil)
        #expect(session?.value == Data([0, 1, 2, 255]) && session?.expiresAt == nil)
        #expect(event?.kind == .gaveUp)
    }

    @Test("an update writes every property, a nil one as NULL, and finds its row by key")
    func update() async throws {
        let stored = try await TestPostgres.withEngine { engine in
            try engine.write { transaction in
                try transaction.insert(Self.dossier, into: "dossier")
                var document = Self.document("F2")
                document.id = try transaction.insertReturningID(document, into: "document")
                document.hold(nil)
                document.counterparty = "Klant BV"
                let documents = try transaction.update(document, in: "document")
                var dossier = Self.dossier
                dossier.ownerEmail = nil
                let dossiers = try transaction.update(dossier, in: "dossier", key: ["name"])
                return (documents + dossiers, try transaction.fetchOne(DocumentRecord.self, #"SELECT * FROM "document""#),
                        try transaction.fetchValue(String.self, #"SELECT "ownerEmail" FROM "dossier""#))
            }
        }
        #expect(stored.0 == 2)
        #expect(stored.1?.heldBecause == nil && stored.1?.counterparty == "Klant BV")
        #expect(stored.2 == nil)
    }

    @Test("a stored enum value this version does not know is said as such, not read as another")
    func unknownEnum() async throws {
        let error = try await TestPostgres.withEngine { engine in
            try engine.write { transaction in
                try transaction.insert(Self.dossier, into: "dossier")
                let digestID = try transaction.insertReturningID(
                    DigestRecord(id: nil, dossier: "acme", recipient: "o@x", messageID: "<d@x>", sentAt: Self.now), into: "digest")
                try transaction.execute(#"INSERT INTO "digestEvent" VALUES ($1, 'exploded', 1)"#, try .of(digestID))
                return TestPostgres.failure { try transaction.fetchAll(DigestEventRecord.self, #"SELECT * FROM "digestEvent""#) }
            }
        }
        #expect(error.contains("DigestEventKind 'exploded'"), "\(error)")
    }

    @Test("a row without a column the record needs names the column")
    func missingColumn() async throws {
        let error = try await TestPostgres.withEngine { engine in
            TestPostgres.failure { try engine.read { try $0.fetchAll(DigestEventRecord.self, #"SELECT 1 AS "digestID", 'held' AS "kind""#) } }
        }
        #expect(error.contains("no column 'subjectID'"), "\(error)")
    }
}

@Suite("PostgreSQL records in bulk", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
struct PostgresBulkInsertTests {
    @Test("many records go in with a few statements, each with its own values and id, more than one statement's binds")
    func insertAll() async throws {
        let (inserted, numbers, ids) = try await TestPostgres.withEngine { engine in
            try engine.write { transaction in
                try transaction.insert(PostgresRecordTests.dossier, into: "dossier")
                // 65,535 binds hold 2,978 documents of 22 columns: 5,000 take two statements.
                let inserted = try transaction.insertAll((1...5000).map { PostgresRecordTests.document("N\($0)") }, into: "document")
                return (inserted, try transaction.fetchAll(String.self, #"SELECT "number" FROM "document" ORDER BY "id""#),
                        try transaction.fetchValue(Int.self, #"SELECT count(DISTINCT "id") FROM "document""#))
            }
        }
        #expect(inserted == 5000 && ids == 5000)
        #expect(numbers == (1...5000).map { "N\($0)" })
    }
}
