import Foundation
import GRDB
import Testing
@testable import LedgerMail

/// The account, feed and status queries give the same answers on both engines: one set of
/// checks, run on SQLite and on PostgreSQL.
@Suite("Store conformance: accounts, feed, status")
struct StatusAccountFeedConformanceTests {
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("on SQLite")
    func sqlite() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-conformance-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let database = try LedgerDatabase(path: path)
        try database.write { (db: Database) in try Self.check(SQLiteTransaction(db: db)) }
    }

    @Test("on PostgreSQL", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
    func postgres() async throws {
        try await TestPostgres.withEngine { engine in try engine.write { tx in try Self.check(tx) } }
    }

    static func check<T: AccountQueries & FeedQueries & StatusQueries & DossierQueries & Seeding>(_ tx: T) throws {
        for name in ["acme", "beta"] {
            try tx.insert(DossierRecord(name: name, company: "Acme BV", enterpriseNumber: "0123456749", language: .nl, dispatch: .afterTenMinutes,
                                        fromName: nil, fromAddress: "acme@gateway.test", accountant: "boekhouder@acct.test",
                                        timeZone: "Europe/Brussels", createdAt: now))
        }
        try checkAccounts(tx)
        try checkStatus(tx)
        try checkFeed(tx)
    }

    static func checkAccounts<T: AccountQueries>(_ tx: T) throws {
        try tx.insert(AccountRecord(email: "owner@acme.test", role: .owner, language: .nl, passwordHash: "h", createdAt: now))
        try tx.link(account: "owner@acme.test", dossier: "beta")
        try tx.link(account: "owner@acme.test", dossier: "acme")
        try tx.link(account: "owner@acme.test", dossier: "acme")
        #expect(try tx.linkedDossiers(account: "owner@acme.test") == ["acme", "beta"])
        #expect(try tx.linkedDossiersByAccount() == ["owner@acme.test": ["acme", "beta"]])
        #expect(try tx.unlink(account: "owner@acme.test", dossier: "beta") && !tx.unlink(account: "owner@acme.test", dossier: "beta"))
        #expect(try tx.accounts().map(\.email) == ["owner@acme.test"] && tx.account(email: "owner@acme.test")?.role == .owner)

        try tx.recordLoginFailure(email: "x@acme.test", at: now.addingTimeInterval(-1000))
        try tx.recordLoginFailure(email: "x@acme.test", at: now)
        #expect(try tx.loginFailures(email: "x@acme.test", since: now.addingTimeInterval(-10)) == [now])
        try tx.pruneLoginFailures(before: now.addingTimeInterval(-10))
        #expect(try tx.loginFailures(email: "x@acme.test", since: .distantPast).count == 1)
        try tx.clearLoginFailures(email: "x@acme.test")
        #expect(try tx.loginFailures(email: "x@acme.test", since: .distantPast).isEmpty)

        try tx.save(WebSessionRecord(keyHash: "k1", value: Data([1]), expiresAt: now))
        try tx.save(WebSessionRecord(keyHash: "k1", value: Data([2]), expiresAt: nil))
        try tx.save(WebSessionRecord(keyHash: "k2", value: Data([3]), expiresAt: now))
        #expect(try tx.webSession(keyHash: "k1")?.value == Data([2]) && tx.webSessionExists(keyHash: "k2"))
        try tx.deleteWebSessions(expiredBefore: now.addingTimeInterval(1))
        try tx.deleteWebSession(keyHash: "k1")
        #expect(try !tx.webSessionExists(keyHash: "k1") && !tx.webSessionExists(keyHash: "k2"))
    }

    static func checkStatus<T: StatusQueries & Seeding>(_ tx: T) throws {
        var ids: [Int64] = []
        for (index, dossier) in ["beta", "acme", "acme", "acme"].enumerated() {
            ids.append(try tx.seedDocument(dossier: dossier, number: "N\(index)", kind: index == 3 ? nil : .purchaseInvoice))
        }
        let first = try tx.seedDelivery(documentID: ids[1], state: .failed)
        _ = try tx.seedDelivery(documentID: ids[1], state: .scheduled)
        let sent = try tx.seedDelivery(documentID: ids[2], state: .sending)
        try tx.setDeliveryState(sent, .sent)
        try tx.seedRecipient(deliveryID: first, address: "inkoop@acct.test")

        let page = try tx.documentPage(DocumentFilter(), after: nil, limit: 2)
        #expect(page.map(\.document.id) == [ids[1], ids[2]] && page.map(\.state) == [.scheduled, .sent])
        let next = try tx.documentPage(DocumentFilter(), after: DocumentPosition(dossier: "acme", id: ids[2]), limit: 5)
        #expect(next.map(\.document.id) == [ids[3], ids[0]] && next.map(\.state) == [.held, .held])
        #expect(try tx.documentPage(DocumentFilter(states: [.held], kinds: [.purchaseInvoice]), after: nil, limit: 5).map(\.document.id) == [ids[0]])
        #expect(try tx.documentPage(DocumentFilter(period: try Period(parsing: "2026-Q4")), after: nil, limit: 5).count == 4)
        #expect(try tx.documentPage(DocumentFilter(period: try Period(parsing: "2026-Q3")), after: nil, limit: 5).isEmpty)

        let counts = try tx.documentCounts(DocumentFilter(dossier: "acme"))
        #expect(counts == [DocumentCount(kind: nil, state: .held, count: 1), DocumentCount(kind: .purchaseInvoice, state: .scheduled, count: 1),
                           DocumentCount(kind: .purchaseInvoice, state: .sent, count: 1)])
        #expect(try tx.deliveries(ofDocuments: [ids[1], ids[3]]).mapValues { $0.map(\.state) } == [ids[1]: [.failed, .scheduled]])
        #expect(try tx.recipients(ofDeliveries: [first]).mapValues { $0.map(\.address) } == [first: ["inkoop@acct.test"]])
        #expect(try tx.inbound(ofDeliveries: [first]).isEmpty)

        try tx.deleteDeliveries(of: ids[2])
        #expect(try tx.documentPage(DocumentFilter(documentID: ids[2]), after: nil, limit: 1).first?.state == .held)
    }

    static func checkFeed<T: FeedQueries & AccountQueries & Seeding>(_ tx: T) throws {
        try tx.link(account: "owner@acme.test", dossier: "beta")
        let narrowed = try tx.insert(APITokenRecord(id: nil, tokenHash: "t1", account: "owner@acme.test", dossiers: "beta", createdAt: now))
        let all = try tx.insert(APITokenRecord(id: nil, tokenHash: "t2", account: "owner@acme.test", dossiers: "", createdAt: now))
        #expect(try tx.feedCaller(tokenHash: "t1") == FeedCaller(account: "owner@acme.test", dossiers: ["beta"]))
        #expect(try tx.feedCaller(tokenHash: "t2")?.dossiers == ["acme", "beta"])
        var token = try #require(try tx.apiToken(id: narrowed))
        token.revokedAt = now
        try tx.update(token)
        #expect(try tx.feedCaller(tokenHash: "t1") == nil && tx.feedCaller(tokenHash: "nope") == nil)
        #expect(try tx.apiTokens().map(\.id) == [narrowed, all])

        let old = try tx.seedDocument(dossier: "beta", number: "F1", kind: .purchaseInvoice)
        let new = try tx.seedDocument(dossier: "beta", number: "F1b", kind: .purchaseInvoice)
        try tx.supersede(old, by: new)
        #expect(try tx.documentInFeed(id: new, dossier: "beta") == nil)
        let published = try tx.seedDelivery(documentID: new, state: .published)
        #expect(try tx.documentInFeed(id: new, dossier: "beta")?.id == new && tx.documentInFeed(id: new, dossier: "acme") == nil)
        let rows = try tx.feed(dossier: "beta", after: 0, limit: 10)
        #expect(rows.map(\.delivery.id) == [published] && rows.first?.supersedes == old)
        #expect(try tx.feed(dossier: "beta", after: published, limit: 10).isEmpty)
        #expect(try tx.collect(deliveryID: published, at: now, by: "owner@acme.test") == now)
        #expect(try tx.latestDelivery(ofDocument: new)?.state == .collected)
    }
}

/// What the checks need to set up that no concern of theirs writes: rows as other jobs leave them.
protocol Seeding {
    func seedDocument(dossier: String, number: String, kind: DocumentKind?) throws -> Int64
    func seedDelivery(documentID: Int64, state: DeliveryState) throws -> Int64
    func seedRecipient(deliveryID: Int64, address: String) throws
    func setDeliveryState(_ id: Int64, _ state: DeliveryState) throws
    func deleteDeliveries(of documentID: Int64) throws
    func supersede(_ id: Int64, by newer: Int64) throws
}

extension Seeding {
    func document(dossier: String, number: String, kind: DocumentKind?) -> DocumentRecord {
        DocumentRecord(id: nil, dossier: dossier, kind: kind, root: .invoice, number: number, supplierKey: "0403123486",
                       issueDate: "2026-11-02", counterparty: nil, fileName: "\(number).xml", sourceSHA256: number, ublSHA256: number,
                       pdfSHA256: nil, pdfRendered: false, fileSHA256: nil, fileMimeType: nil, fileExtension: nil, attachmentBase: number,
                       version: 1, supersededBy: nil, heldBecause: nil, heldDetail: nil, importedAt: StatusAccountFeedConformanceTests.now)
    }

    func delivery(_ documentID: Int64, _ state: DeliveryState) -> DeliveryRecord {
        DeliveryRecord.new(documentID: documentID, routeKind: .purchaseInvoice, state: state, dueAt: nil, now: StatusAccountFeedConformanceTests.now)
    }
}

extension SQLiteTransaction: Seeding {
    func seedDocument(dossier: String, number: String, kind: DocumentKind?) throws -> Int64 {
        var record = document(dossier: dossier, number: number, kind: kind)
        try record.insert(db)
        return record.id!
    }

    func seedDelivery(documentID: Int64, state: DeliveryState) throws -> Int64 {
        var record = delivery(documentID, state)
        try record.insert(db)
        return record.id!
    }

    func seedRecipient(deliveryID: Int64, address: String) throws {
        var record = RecipientRecord(id: nil, deliveryID: deliveryID, address: address, state: .failed, smtpReply: nil)
        try record.insert(db)
    }

    func setDeliveryState(_ id: Int64, _ state: DeliveryState) throws {
        try db.execute(sql: "UPDATE delivery SET state = ? WHERE id = ?", arguments: [state, id])
    }

    func deleteDeliveries(of documentID: Int64) throws { try db.execute(sql: "DELETE FROM delivery WHERE documentID = ?", arguments: [documentID]) }

    func supersede(_ id: Int64, by newer: Int64) throws {
        try db.execute(sql: "UPDATE document SET supersededBy = ? WHERE id = ?", arguments: [newer, id])
    }
}

extension PostgresTransaction: Seeding {
    func seedDocument(dossier: String, number: String, kind: DocumentKind?) throws -> Int64 {
        var record = document(dossier: dossier, number: number, kind: kind)
        try insert(&record)
        return record.id!
    }

    func seedDelivery(documentID: Int64, state: DeliveryState) throws -> Int64 {
        try insertReturningID(delivery(documentID, state), into: "delivery")
    }

    func seedRecipient(deliveryID: Int64, address: String) throws {
        _ = try insertReturningID(RecipientRecord(id: nil, deliveryID: deliveryID, address: address, state: .failed, smtpReply: nil),
                                  into: "deliveryRecipient")
    }

    func setDeliveryState(_ id: Int64, _ state: DeliveryState) throws {
        try execute(#"UPDATE "delivery" SET "state" = $1 WHERE "id" = $2"#, try .of(state, id))
    }

    func deleteDeliveries(of documentID: Int64) throws { try execute(#"DELETE FROM "delivery" WHERE "documentID" = $1"#, try .of(documentID)) }

    func supersede(_ id: Int64, by newer: Int64) throws {
        try execute(#"UPDATE "document" SET "supersededBy" = $1 WHERE "id" = $2"#, try .of(newer, id))
    }
}
