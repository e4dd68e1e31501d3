import Foundation
import GRDB
import Synchronization
import Testing
@testable import LedgerMail

/// The send queue's named queries behave the same on SQLite and PostgreSQL: claims with a lease,
/// takeover after it, settling only by the holder; and the import's document queries beside them.
@Suite("Claims on both engines")
struct DeliveryClaimConformanceTests {
    typealias Queries = DocumentQueries & DeliveryQueries

    /// One engine under test: a write transaction of it.
    protocol Engine {
        func write<T>(_ body: (any Queries) throws -> T) throws -> T
    }

    struct SQLite: Engine {
        let database: LedgerDatabase
        func write<T>(_ body: (any Queries) throws -> T) throws -> T { try database.write { (tx: any StoreTransaction) in try body(tx) } }
    }

    struct Postgres: Engine {
        let engine: PostgresEngine
        func write<T>(_ body: (any Queries) throws -> T) throws -> T { try engine.write(isolation: .readCommitted) { tx in try body(tx) } }
    }

    static let now = Date(timeIntervalSince1970: 1_800_000_000)
    static let dossier = DossierRecord(
        name: "acme", company: "Acme BV", enterpriseNumber: "0123456749", language: .nl, dispatch: .afterTenMinutes, fromName: nil,
        fromAddress: "acme@gateway.test", accountant: "boekhouder@acct.test", timeZone: "Europe/Brussels", createdAt: now, archivedAt: nil)

    static func document(_ number: String) -> DocumentRecord {
        DocumentRecord(
            id: nil, dossier: "acme", kind: .purchaseInvoice, root: .invoice, number: number, supplierKey: "BE0999999999",
            issueDate: "2026-11-30", counterparty: nil, fileName: "\(number).xml", sourceSHA256: "source-\(number)", ublSHA256: "ubl",
            pdfSHA256: nil, pdfRendered: false, fileSHA256: nil, fileMimeType: nil, fileExtension: nil, attachmentBase: number,
            version: 1, supersededBy: nil, heldBecause: nil, heldDetail: nil, importedAt: now)
    }

    /// The same checks, whatever the engine (the dossier row is already there).
    static func check(_ engine: some Engine) throws {
        let (first, second) = ("host/1/first", "host/2/second")
        let id: Int64 = try engine.write { tx in
            var document = document("F1")
            try tx.insert(&document)
            var delivery = DeliveryRecord.new(documentID: document.id!, routeKind: .purchaseInvoice, state: .scheduled,
                                              dueAt: now.addingTimeInterval(-60), now: now)
            try tx.insert(&delivery)
            return delivery.id!
        }
        let read = try #require(try engine.write { tx in try tx.claimableDelivery(id: id, now: now) })
        var claimed = read
        claimed.messageID = "<m1@gateway.test>"
        #expect(try engine.write { tx in try tx.claimable(dossier: "acme", selection: .due, now: now) } == [id])
        #expect(try engine.write { tx in try tx.claim(claimed, by: first, leaseUntil: now.addingTimeInterval(900), now: now) })
        #expect(try !engine.write { tx in try tx.claim(claimed, by: second, leaseUntil: now.addingTimeInterval(900), now: now) },
                "a second worker does not take what the first holds")
        #expect(try engine.write { tx in try tx.claimable(dossier: nil, selection: .everythingWaiting, now: now) }.isEmpty)

        // The lease runs out: the next worker takes it over, same Message-ID, one attempt more.
        let later = now.addingTimeInterval(901)
        #expect(try engine.write { tx in try tx.claimable(dossier: nil, selection: .due, now: later) } == [id])
        let again = try #require(try engine.write { tx in try tx.claimableDelivery(id: id, now: later) })
        #expect(again.attempts == 1 && again.messageID == "<m1@gateway.test>")
        #expect(try engine.write { tx in try tx.claim(again, by: second, leaseUntil: later.addingTimeInterval(900), now: later) })
        #expect(try engine.write { tx in try tx.claimHolders() } == [second])

        // The first worker's late outcome changes nothing; the holder's settles it.
        var sent = again
        sent.state = .sent
        sent.attempts = 2
        let recipient = RecipientRecord(id: nil, deliveryID: id, address: "inkoop@acct.test", state: .sent, smtpReply: "250 ok")
        #expect(try !engine.write { tx in try tx.settle(sent, by: first, recipients: [recipient], followUp: nil) })
        let held = try #require(try engine.write { tx in try tx.delivery(id: id) })
        #expect(held.state == .sending && held.claimedBy == second && held.attempts == 2)
        #expect(try engine.write { tx in try tx.settle(sent, by: second, recipients: [recipient], followUp: nil) })
        let settled = try #require(try engine.write { tx in try tx.delivery(id: id) })
        #expect(settled.state == .sent && settled.claimedBy == nil && settled.leaseUntil == nil)
        #expect(try engine.write { tx in try tx.claimHolders() }.isEmpty)

        // What import asks of the same rows.
        let documentID = held.documentID
        #expect(try engine.write { tx in try tx.anythingSent(documentID: documentID) })
        #expect(try engine.write { tx in
            try tx.anyVersionSent(dossier: "acme", supplierKey: "BE0999999999", root: .invoice, number: "F1")
        })
        #expect(try engine.write { tx in try tx.documentID(importedFrom: "source-F1", dossier: "acme") } == documentID)
        #expect(try engine.write { tx in
            try tx.currentVersion(dossier: "acme", supplierKey: "BE0999999999", root: .invoice, number: "F1")?.id
        } == documentID)
        // A savepoint that fails leaves nothing of its own, and the transaction goes on.
        let kept: Int64? = try engine.write { tx in
            _ = try? tx.savepoint { () throws -> Void in
                var doomed = document("F2")
                try tx.insert(&doomed)
                throw CancellationError()
            }
            return try tx.documentID(importedFrom: "source-F2", dossier: "acme")
        }
        #expect(kept == nil)
    }

    @Test("SQLite: a claim holds for its lease, is taken over after it, and only its holder settles it")
    func sqlite() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("claims-\(UUID().uuidString).sqlite").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let database = try LedgerDatabase(path: path)
        try database.write { (db: Database) in try Self.dossier.insert(db) }
        try Self.check(SQLite(database: database))
    }

    @Test("PostgreSQL: a claim holds for its lease, is taken over after it, and only its holder settles it",
          .enabled(if: TestPostgres.available, TestPostgres.skipNote))
    func postgres() async throws {
        try await TestPostgres.withEngine { engine in
            try engine.write { tx in try tx.insert(Self.dossier, into: "dossier") }
            try Self.check(Postgres(engine: engine))
        }
    }

    @Test("PostgreSQL: a worker claiming a row another is claiming right now passes it by instead of waiting",
          .enabled(if: TestPostgres.available, TestPostgres.skipNote))
    func postgresSkipsLockedRows() async throws {
        try await TestPostgres.withEngine { engine in
            try engine.write { tx in try tx.insert(Self.dossier, into: "dossier") }
            let read: DeliveryRecord = try engine.write { tx in
                var document = Self.document("F1")
                try tx.insert(&document)
                var delivery = DeliveryRecord.new(documentID: document.id!, routeKind: .purchaseInvoice, state: .scheduled,
                                                  dueAt: Self.now, now: Self.now)
                try tx.insert(&delivery)
                return delivery
            }
            let lease = Self.now.addingTimeInterval(900)
            let claimedInside = DispatchSemaphore(value: 0)
            let mayCommit = DispatchSemaphore(value: 0)
            let finished = DispatchSemaphore(value: 0)
            let firstClaimed = Mutex(false)
            let first = Thread {
                let claimed = try? engine.write(isolation: .readCommitted) { tx in
                    let claimed = try tx.claim(read, by: "host/1/first", leaseUntil: lease, now: Self.now)
                    claimedInside.signal()
                    mayCommit.wait()
                    return claimed
                }
                firstClaimed.withLock { $0 = claimed ?? false }
                finished.signal()
            }
            first.start()
            claimedInside.wait()
            // The first transaction holds the row, uncommitted: the second does not wait for it.
            let second = try engine.write(isolation: .readCommitted) { tx in
                try tx.claim(read, by: "host/2/second", leaseUntil: lease, now: Self.now)
            }
            mayCommit.signal()
            finished.wait()
            #expect(!second)
            #expect(firstClaimed.withLock { $0 })
            #expect(try engine.write { tx in try tx.delivery(id: read.id!)?.claimedBy } == "host/1/first")
        }
    }
}
