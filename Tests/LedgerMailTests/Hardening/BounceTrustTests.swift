import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// A bounce changes a delivery only when its token comes from the envelope (the address the
/// mail was delivered to) and it names one of that delivery's recipients; everything else is
/// recorded as unverified, and `status` says which is which.
@Suite("Bounce trust")
struct BounceTrustTests {
    init() { MailStack.reset() }

    /// A DSN for `failed`, delivered to `envelope`, with `extraHeaders` at its top (as the sender wrote them).
    func dsn(failed: String, quoting messageID: String, extraHeaders: String = "") -> Data {
        Data("""
            \(extraHeaders)From: Mail Delivery System <MAILER-DAEMON@acct.test>\r
            Subject: Undelivered Mail Returned to Sender\r
            Date: Tue, 01 Dec 2026 10:00:00 +0000\r
            Message-ID: <\(UUID().uuidString)@acct.test>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/report; report-type=delivery-status; boundary="b1"\r
            \r
            --b1\r
            Content-Type: text/plain\r
            \r
            Your message could not be delivered.\r
            --b1\r
            Content-Type: message/delivery-status\r
            \r
            Reporting-MTA: dns; mx.acct.test\r
            \r
            Final-Recipient: rfc822; \(failed)\r
            Action: failed\r
            Status: 5.1.1\r
            Diagnostic-Code: smtp; 550 5.1.1 <\(failed)> User unknown\r
            --b1\r
            Content-Type: text/rfc822-headers\r
            \r
            Message-ID: \(messageID)\r
            Subject: Factuur\r
            --b1--\r

            """.utf8)
    }

    func inject(_ message: Data, to envelope: String) async throws {
        let client = try SMTPClient(server: MailStack.smtp)
        let transfer = await client.send(envelopeFrom: try EmailAddress("mailer-daemon@acct.test"),
                                         recipients: [try EmailAddress(envelope)], message: message)
        guard case .accepted = transfer.outcome else { throw StackError("not accepted: \(transfer.outcome)") }
    }

    @Test("forged or mismatched bounces change nothing and show as unverified; envelope bounces for a real recipient do")
    func trust() async throws {
        let test = try TestGateway.make()
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test", "verkoop@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting).sent == 1)
        let sent = try #require(try test.gateway.status(dossier: "acme").first?.deliveries.first)
        let messageID = try #require(sent.messageID)
        let verp = test.gateway.verp.envelopeSender(bounceAddress: try EmailAddress("bounces@gateway.test"), deliveryID: sent.id).value

        // Token only in To:, only in a lower Delivered-To, or a recipient the delivery never had.
        try await inject(dsn(failed: "inkoop@acct.test", quoting: messageID, extraHeaders: "To: \(verp)\r\n"), to: "bounces@gateway.test")
        try await inject(dsn(failed: "inkoop@acct.test", quoting: messageID, extraHeaders: "Delivered-To: \(verp)\r\n"),
                         to: "bounces@gateway.test")
        try await inject(dsn(failed: "stranger@acct.test", quoting: messageID), to: verp)
        _ = try await MailStack.waitForCount(3, in: "bounces@gateway.test")
        _ = await test.gateway.runOnce()
        var delivery = try #require(try test.gateway.status(dossier: "acme").first?.deliveries.first)
        #expect(delivery.state == .sent && delivery.recipients.allSatisfy { $0.state == .sent }, "\(delivery)")
        var document = try #require(try test.gateway.status(dossier: "acme").first)
        #expect(document.inbound.count == 3)
        var json = String(decoding: try JSONEncoder().encode(document), as: UTF8.self)
        #expect(json.components(separatedBy: "\"verified\":false").count - 1 >= 3, "\(json)")
        #expect(try test.gateway.inboxListing.entries(dossier: "acme", unmatched: false).allSatisfy { !$0.verified })

        // Delivered to the VERP address, naming one of two recipients: that row alone changes.
        try await inject(dsn(failed: "inkoop@acct.test", quoting: messageID), to: verp)
        _ = try await MailStack.waitForCount(1, in: "bounces@gateway.test")
        _ = await test.gateway.runOnce()
        delivery = try #require(try test.gateway.status(dossier: "acme").first?.deliveries.first)
        let rows = Dictionary(uniqueKeysWithValues: delivery.recipients.map { ($0.address, $0.state) })
        #expect(rows == ["inkoop@acct.test": .bounced, "verkoop@acct.test": .sent], "\(rows)")
        #expect(delivery.state == .sent, "a recipient is still delivered")

        // The last delivered recipient bounces too: the delivery is bounced, its bounce verified.
        try await inject(dsn(failed: "verkoop@acct.test", quoting: messageID), to: verp)
        _ = try await MailStack.waitForCount(1, in: "bounces@gateway.test")
        _ = await test.gateway.runOnce()
        document = try #require(try test.gateway.status(dossier: "acme").first)
        delivery = try #require(document.deliveries.first)
        #expect(delivery.state == .bounced && delivery.bounce?.recipient == "verkoop@acct.test")
        json = String(decoding: try JSONEncoder().encode(delivery), as: UTF8.self)
        #expect(json.contains("\"bounce\":{") && json.contains("\"verified\":true"), "\(json)")
        #expect(try test.gateway.inboxListing.entries(dossier: "acme", unmatched: false).filter(\.verified).count == 2)
    }
}
}

/// The envelope, read without servers: which headers may carry the token.
@Suite("Envelope token")
struct EnvelopeTokenTests {
    func verdict(_ headers: String, imapUser: String? = nil) throws -> (VERPVerdict?, String) {
        let test = try TestGateway.make(smtp: nil, imap: nil)
        let verp = test.gateway.verp.envelopeSender(bounceAddress: try EmailAddress("bounces@gateway.test"), deliveryID: 7).value
        var settings = test.gateway.settings
        if let imapUser { settings.imap = MailStack.imap(imapUser.replacingOccurrences(of: "VERP", with: verp)) }
        let gateway = try Gateway(settings: settings)
        let raw = headers.replacingOccurrences(of: "VERP", with: verp) + "Subject: x\r\n\r\nbody\r\n"
        return (gateway.services.envelopeVerdict(MailMessage(Data(raw.utf8))), verp)
    }

    @Test("the topmost Delivered-To or X-Original-To counts; To: and lower trace fields do not")
    func envelopeOnly() throws {
        #expect(try verdict("Delivered-To: VERP\r\n").0?.valid == true)
        #expect(try verdict("X-Original-To: VERP\r\nDelivered-To: bounces@gateway.test\r\n").0?.valid == true)
        #expect(try verdict("To: VERP\r\n").0 == nil)
        #expect(try verdict("Delivered-To: bounces@gateway.test\r\nDelivered-To: VERP\r\n").0 == nil)
        #expect(try verdict("Delivered-To: bounces@gateway.test\r\nReceived: x\r\nX-Original-To: VERP\r\n").0 == nil)
    }

    @Test("the IMAP account's own +token address counts")
    func imapAccount() throws {
        #expect(try verdict("Delivered-To: bounces@gateway.test\r\n", imapUser: "VERP").0?.valid == true)
    }
}
