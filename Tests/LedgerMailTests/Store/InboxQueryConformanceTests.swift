import Foundation
import GRDB
import Testing
@testable import LedgerMail

/// The inbox's, the digest's and the quarter end's named queries, the same checks on both engines.
@Suite("Inbox, digest and period queries on both engines")
struct InboxQueryConformanceTests {
    typealias Queries = InboundQueries & DigestQueries & PeriodQueries & DocumentQueries
    /// What a check needs to find again: the ids the engine gave.
    struct Seeded: Sendable { var documentID: Int64; var deliveryID: Int64 }

    static let now = PostgresRecordTests.now
    static let document = PostgresRecordTests.document("F1")

    @Test("SQLite")
    func sqlite() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let database = try LedgerDatabase(path: directory.appendingPathComponent("ledgermail.sqlite").path)
        try Self.check(SQLiteTransaction.self) { body in
            try database.write { (db: Database) in
                try body(SQLiteTransaction(db: db)) { _ in
                    try PostgresRecordTests.dossier.insert(db)
                    var document = Self.document
                    try document.insert(db)
                    var delivery = Self.delivery(documentID: document.id!)
                    try delivery.insert(db)
                    for address in ["inkoop@acct.test", "kopie@acct.test"] {
                        var recipient = RecipientRecord(id: nil, deliveryID: delivery.id!, address: address, state: .sent, smtpReply: "250")
                        try recipient.insert(db)
                    }
                    return Seeded(documentID: document.id!, deliveryID: delivery.id!)
                }
            }
        }
    }

    @Test("PostgreSQL", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
    func postgres() async throws {
        try await TestPostgres.withEngine { engine in
            try Self.check(PostgresTransaction.self) { body in
                try engine.write { tx in
                    try body(tx) { tx in
                        try tx.insert(PostgresRecordTests.dossier, into: "dossier")
                        var document = Self.document
                        try tx.insert(&document)
                        let documentID = try #require(document.id)
                        let deliveryID = try tx.insertReturningID(Self.delivery(documentID: documentID), into: "delivery")
                        for address in ["inkoop@acct.test", "kopie@acct.test"] {
                            _ = try tx.insertReturningID(RecipientRecord(id: nil, deliveryID: deliveryID, address: address, state: .sent,
                                                                     smtpReply: "250"), into: "deliveryRecipient")
                        }
                        return Seeded(documentID: documentID, deliveryID: deliveryID)
                    }
                }
            }
        }
    }

    @Test("PostgreSQL: two workers' inbox passes, each on its own engine, run one after the other",
          .enabled(if: TestPostgres.available, TestPostgres.skipNote))
    func postgresOnePassAtATime() async throws {
        let steps = try await TestPostgres.withDatabase { settings in
            let (first, second) = (try PostgresEngine(settings: settings), try PostgresEngine(settings: settings))
            defer { first.close(); second.close() }
            let steps = Steps(), done = DispatchSemaphore(value: 0)
            Task {
                async let one: Void = first.exclusively(.inbox) { try await steps.pass("first") }
                async let two: Void = second.exclusively(.inbox) { try await steps.pass("second") }
                _ = try? await (one, two)
                done.signal()
            }
            done.wait()
            return steps.taken
        }
        #expect(steps == ["first in", "first out", "second in", "second out"] || steps == ["second in", "second out", "first in", "first out"],
                "\(steps)")
    }

    /// What the passes did, in order.
    final class Steps: @unchecked Sendable {
        private let lock = NSLock()
        private var steps: [String] = []
        var taken: [String] { lock.withLock { steps } }

        func pass(_ name: String) async throws {
            lock.withLock { steps.append("\(name) in") }
            try await Task.sleep(for: .milliseconds(300))   // long enough for the other to try
            lock.withLock { steps.append("\(name) out") }
        }
    }

    static func delivery(documentID: Int64) -> DeliveryRecord {
        var delivery = DeliveryRecord.new(documentID: documentID, routeKind: .salesInvoice, state: .sent, dueAt: nil, now: now)
        delivery.messageID = "<f1@gateway.test>"
        return delivery
    }

    /// `write` runs its body in one transaction of the engine, seeding it first with the closure given.
    static func check<T: Queries>(_: T.Type, _ write: ((T, (T) throws -> Seeded) throws -> Void) throws -> Void) throws {
        try write { tx, seed in
            let seeded = try seed(tx)
            try checkInbound(tx, seeded)
            try checkDigest(tx, seeded)
            try checkPeriod(tx, seeded)
        }
    }

    static func checkInbound(_ tx: some Queries, _ seeded: Seeded) throws {
        #expect(try tx.mailboxCursor("box") == nil)
        try tx.save(MailboxCursorRecord(mailbox: "box", uidValidity: 7, lastUID: 3, refusedUID: 4, refusals: 2))
        try tx.save(MailboxCursorRecord(mailbox: "box", uidValidity: 7, lastUID: 4))
        let cursor = try tx.mailboxCursor("box")
        #expect(cursor?.lastUID == 4 && cursor?.refusals == 0 && cursor?.refusedUID == nil, "saved again, not twice")

        #expect(try tx.claimFirstInbound(rawSHA256: "raw1") == nil)
        var bounce = InboundRecord(id: nil, receivedAt: now, folder: "INBOX", uidValidity: 7, uid: 4, kind: .bounce, fromAddress: "MAILER-DAEMON",
                                   subject: "Undelivered", summary: "kopie@acct.test 5.1.1", messageID: nil, deliveryID: seeded.deliveryID,
                                   verpValid: true, trust: .verified, rawSHA256: "raw1", leftInFolder: false)
        try tx.insert(&bounce)
        var again = bounce
        again.id = nil
        try tx.insert(&again)   // the same folder and UID: kept as it was
        #expect(try tx.claimFirstInbound(rawSHA256: "raw1")?.uid == 4)
        var left = bounce
        (left.id, left.uid, left.leftInFolder, left.rawSHA256, left.deliveryID) = (nil, 5, true, "raw2", nil)
        try tx.insert(&left)
        #expect(try tx.uidsLeftInFolder("INBOX", uidValidity: 7) == [5])

        #expect(try tx.deliveryID(messageID: "<f1@gateway.test>") == seeded.deliveryID)
        #expect(try tx.answeredDelivery(id: seeded.deliveryID)?.dossier == "acme")
        #expect(try tx.sentAddresses(ofDelivery: seeded.deliveryID).sorted() == ["inkoop@acct.test", "kopie@acct.test"])
        let first = try tx.markRecipientsBounced(["KOPIE@acct.test"], deliveryID: seeded.deliveryID)
        #expect(first.changed == ["kopie@acct.test"] && first.stillDelivered)
        let second = try tx.markRecipientsBounced(["kopie@acct.test", "inkoop@acct.test"], deliveryID: seeded.deliveryID)
        #expect(second.changed == ["inkoop@acct.test"] && !second.stillDelivered, "a recipient is bounced once")
        try tx.markBounced(deliveryID: seeded.deliveryID, BounceFacts(recipient: "inkoop@acct.test", status: "5.1.1", reason: "userunknown",
                                                                     diagnostic: nil), at: now)
        try tx.markBounced(deliveryID: seeded.deliveryID, BounceFacts(recipient: "other", status: nil, reason: nil, diagnostic: nil), at: now)
        let bounced = try tx.answeredDelivery(id: seeded.deliveryID)?.delivery
        #expect(bounced?.state == .bounced && bounced?.bounceRecipient == "inkoop@acct.test", "the first bounce stands")
        #expect(try !tx.markChallenged(deliveryID: seeded.deliveryID, at: now), "a bounced delivery keeps its worse news")

        let entries = try tx.inboxEntries(dossier: "acme")
        #expect(entries.map(\.documentID) == [seeded.documentID] && entries.first?.number == "F1")
        #expect(try tx.unmatchedInboxEntries().map(\.id) == [left.id].compactMap { $0 })
    }

    static func checkDigest(_ tx: some Queries, _ seeded: Seeded) throws {
        #expect(try tx.lastDigestSentAt(dossier: "acme") == nil)
        let trouble = try tx.troubledDeliveries(dossier: "acme")
        #expect(trouble.map(\.outcome.deliveryID) == [seeded.deliveryID] && trouble.first?.outcome.state == .bounced)
        #expect(trouble.first?.document.number == "F1" && trouble.first?.document.documentKind == .salesInvoice)
        #expect(try tx.heldDocuments(dossier: "acme").map(\.id) == [seeded.documentID])
        var reply = InboundRecord(id: nil, receivedAt: now, folder: "INBOX", uidValidity: 7, uid: 6, kind: .reply, fromAddress: "boekhouder@acct.test",
                                  subject: "Re: F1", summary: "Re: F1", messageID: nil, deliveryID: seeded.deliveryID, verpValid: false,
                                  trust: .noEnvelopeToken, rawSHA256: "raw3", leftInFolder: false)
        try tx.insert(&reply)
        let replies = try tx.replies(dossier: "acme")
        #expect(replies.map(\.subject) == ["Re: F1"] && replies.first?.document.documentID == seeded.documentID)
        var digest = DigestRecord(id: nil, dossier: "acme", recipient: "owner@gateway.test", messageID: "<d1@x>", sentAt: now)
        try tx.insert(&digest, events: [(.bounced, seeded.deliveryID), (.held, seeded.documentID)])
        var later = DigestRecord(id: nil, dossier: "acme", recipient: "owner@gateway.test", messageID: "<d2@x>", sentAt: now.addingTimeInterval(60))
        try tx.insert(&later, events: [(.bounced, seeded.deliveryID)])
        let reported = try tx.reportedDigestEvents(dossier: "acme")
        #expect(Set(reported.map(\.kind)) == [.bounced, .held] && reported.count == 2, "an event stays with its first digest")
        #expect(try tx.lastDigestSentAt(dossier: "acme") == now.addingTimeInterval(60))
    }

    static func checkPeriod(_ tx: some Queries, _ seeded: Seeded) throws {
        let byIssue = try tx.periodDocuments(dossier: "acme", days: "2026-10-01"..."2026-12-31")
        #expect(byIssue.map(\.document.id) == [seeded.documentID] && byIssue.first?.outcome?.state == .bounced)
        #expect(byIssue.first?.outcome?.bounceRecipient == "inkoop@acct.test")
        #expect(try tx.periodDocuments(dossier: "acme", days: "2026-01-01"..."2026-03-31").isEmpty,
                "a dated document belongs to its issue day's period, whenever it was imported")
        let inputs = try tx.periodDayInputs(dossier: "acme")
        #expect(inputs.map(\.id) == [seeded.documentID] && inputs.first?.issueDate == "2026-11-30" && inputs.first?.periodDay == "2026-11-30")
        try tx.setPeriodDay("2026-02-01", document: seeded.documentID)
        #expect(try tx.periodDocuments(dossier: "acme", days: "2026-01-01"..."2026-03-31").map(\.document.id) == [seeded.documentID])
        try tx.setPeriodDay("2026-11-30", document: seeded.documentID)

        var notification = NotificationRecord(id: nil, dossier: "acme", period: "2026-Q4", recipient: "boekhouder@acct.test",
                                              messageID: "<n@x>", sentAt: now)
        try tx.insert(&notification)
        #expect(notification.id != nil)
        for part in [1, 2] {
            var record = SelfMailPartRecord(id: nil, dossier: "acme", period: "2026-Q4", recipient: "owner@gateway.test", part: part, parts: 2,
                                            documentIDs: "\(seeded.documentID)", sentAt: now)
            try tx.insert(&record)
        }
        #expect(try tx.selfMailParts(dossier: "acme", period: "2026-Q4", recipient: "owner@gateway.test").map(\.part) == [1, 2])
        #expect(try tx.selfMailParts(dossier: "acme", period: "2026-Q3", recipient: "owner@gateway.test").isEmpty)
    }
}
