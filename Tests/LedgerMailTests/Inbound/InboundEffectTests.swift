import Foundation
import GRDB
import Testing
@testable import LedgerMail

/// What a recorded inbound mail does to the deliveries, without servers: the Postfix DSN
/// fixture, readdressed to this install's VERP addresses.
@Suite("Inbound effects")
struct InboundEffectTests {
    let test: TestGateway
    var gateway: Gateway { test.gateway }
    /// The DSN's returned original carries this Message-ID.
    static let originalMessageID = "<1f225366-d98e-4356-92e5-59967c40b8f1@gateway.test>"
    static let fixtureVERP = "bounces+d2-25c7631c0f0d056dbbaa@gateway.test"

    init() throws {
        test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier()
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["nobody@acct.test"])
        _ = try gateway.importFile(dossier: "acme", file: Samples.purchaseInvoice)
    }

    /// The one delivery, marked sent with the DSN's original Message-ID.
    func sentDelivery() throws -> Int64 {
        try gateway.database.write { db in
            let id = try #require(try Int64.fetchOne(db, sql: "SELECT id FROM delivery"))
            try db.execute(sql: "UPDATE delivery SET state = 'sent', attempts = 1, messageID = ? WHERE id = ?",
                           arguments: [Self.originalMessageID, id])
            var recipient = RecipientRecord(id: nil, deliveryID: id, address: "nobody@acct.test", state: .sent, smtpReply: "250 2.0.0 Ok")
            try recipient.insert(db)
            return id
        }
    }

    func state(_ id: Int64) throws -> String? {
        try gateway.database.read { db in try String.fetchOne(db, sql: "SELECT state FROM delivery WHERE id = ?", arguments: [id]) }
    }

    /// The fixture DSN sent to the VERP address of `deliveryID`, its original's Message-ID set to `originalID`.
    func bounce(for deliveryID: Int64, originalID: String = originalMessageID) throws -> Data {
        let fixture = try String(contentsOf: InboundTests.fixtures.appendingPathComponent("postfix-dsn-5.1.1.eml"), encoding: .utf8)
        let verp = gateway.verp.envelopeSender(bounceAddress: try EmailAddress("bounces@gateway.test"), deliveryID: deliveryID)
        return Data(fixture.replacingOccurrences(of: Self.fixtureVERP, with: verp.value)
            .replacingOccurrences(of: Self.originalMessageID, with: originalID).utf8)
    }

    func record(_ raw: Data, uid: UInt32) throws -> Gateway.InboundEffect {
        try gateway.recordInbound(raw, folder: "INBOX", uidValidity: 1, uid: uid, cursorKey: "test")
    }

    @Test("a valid token for the delivery whose mail it returns marks it bounced")
    func matchingBounce() throws {
        let id = try sentDelivery()
        let effect = try record(try bounce(for: id), uid: 1)
        #expect(effect.changedDelivery)
        #expect(try state(id) == "bounced")
    }

    @Test("a valid token naming a delivery this database does not have: recorded, nothing changed, the inbox goes on")
    func tokenFromAnotherDatabase() throws {
        let id = try sentDelivery()
        let effect = try record(try bounce(for: id + 100), uid: 1)
        #expect(!effect.changedDelivery)
        #expect(try state(id) == "sent")
        let cursor = try gateway.database.read { db in try Int64.fetchOne(db, sql: "SELECT lastUID FROM mailboxCursor") }
        #expect(cursor == 1, "the cursor moved past it")
    }

    @Test("a valid token whose returned original is another delivery's mail (an id reused) changes nothing")
    func tokenForAReusedID() throws {
        let id = try sentDelivery()
        try gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"])
        _ = try gateway.importFile(dossier: "acme", file: Samples.salesInvoice)
        try gateway.database.write { db in
            try db.execute(sql: "UPDATE delivery SET messageID = '<other@gateway.test>' WHERE id != ?", arguments: [id])
        }
        let effect = try record(try bounce(for: id, originalID: "<other@gateway.test>"), uid: 1)
        #expect(!effect.changedDelivery)
        #expect(try state(id) == "sent")
    }

    @Test("a valid token whose returned original has a Message-ID we never wrote (a relay's own) still counts")
    func relayRewroteMessageID() throws {
        let id = try sentDelivery()
        let effect = try record(try bounce(for: id, originalID: "<0100018f-ses-rewritten@email.amazonses.com>"), uid: 1)
        #expect(effect.changedDelivery)
        #expect(try state(id) == "bounced")
    }

    @Test("a bounce applied while the same delivery is being sent again stands")
    func bounceDuringResend() throws {
        let id = try sentDelivery()
        try gateway.database.write { db in try db.execute(sql: "UPDATE delivery SET state = 'sending' WHERE id = ?", arguments: [id]) }
        _ = try record(try bounce(for: id), uid: 1)
        var report = SendReport()
        let accepted = SMTPTransfer(outcome: .accepted(SMTPReply(code: 250, text: "250 2.0.0 Ok")), recipientReplies: [:], newConnections: 0)
        let claimed = try #require(try gateway.database.read { db in try DeliveryRecord.fetchOne(db, key: id) })
        let mail = Gateway.PreparedMail(message: MIMEPieces(message: Data()), recipients: [try EmailAddress("nobody@acct.test")],
                                        about: .init(dossier: "acme", documentID: 1, number: "1", route: .purchaseInvoice),
                                        claimedFrom: claimed)
        try gateway.record(accepted, deliveryID: id, mail: mail, into: &report)
        #expect(try state(id) == "bounced")
        #expect(report.failed == 1 && report.problems.first?.contains("bounce stands") == true, "\(report.problems)")
    }

    @Test("the same headerless mail again (a copy, a rebuilt folder): left for a person under its new UID too")
    func unreadableDuplicateStaysLeft() throws {
        let raw = Data("no headers here, just text\r\nand more text\r\n".utf8)
        #expect(try record(raw, uid: 1).unreadable)
        let again = try record(raw, uid: 2)
        #expect(again.duplicate && again.unreadable)
        let left = try gateway.database.read { db in
            try Int64.fetchAll(db, sql: "SELECT uid FROM inbound WHERE leftInFolder ORDER BY uid")
        }
        #expect(left == [1, 2])
    }

    @Test("a message the server refuses: counted pass after pass, from one again for another message")
    func refusalsCounted() throws {
        #expect(try gateway.noteRefusal(uid: 7, uidValidity: 1, cursorKey: "test") == 1)
        #expect(try gateway.noteRefusal(uid: 7, uidValidity: 1, cursorKey: "test") == 2)
        #expect(try gateway.noteRefusal(uid: 9, uidValidity: 1, cursorKey: "test") == 1)
        _ = try record(try bounce(for: 999), uid: 9)   // taken in at last: the count is cleared
        let cursor = try gateway.database.read { db in try MailboxCursorRecord.fetchOne(db, key: "test") }
        #expect(cursor?.lastUID == 9 && cursor?.refusals == 0 && cursor?.refusedUID == nil)
    }
}
