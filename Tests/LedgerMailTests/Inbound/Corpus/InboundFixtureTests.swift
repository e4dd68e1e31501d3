import Foundation
import Testing
@testable import LedgerMail

/// The classifier's core on small mails of our own, so it is tested without the shared corpus.
@Suite("Inbound classification on inline fixtures")
struct InboundFixtureTests {
    @Test("an RFC 3464 report of a permanent failure is a bounce with code, reason, diagnostic and original Message-ID")
    func rfc3464Bounce() throws {
        let raw = MailFixtures.deliveryReport(action: "failed", status: "5.1.1",
                                          diagnostic: "550 5.1.1 <boekhouding@acct.test>: Recipient address rejected: User unknown")
        let result = InboundClassifier.classify(raw)
        #expect(result.kind == .bounce)
        let recipient = try #require(result.recipients.first)
        #expect(result.recipients.count == 1)
        #expect(recipient.address == "boekhouding@acct.test")
        #expect(recipient.status == "5.1.1")
        #expect(recipient.reason == "userunknown")
        #expect(recipient.permanent)
        #expect(recipient.diagnostic?.contains("User unknown") == true)
        #expect(result.originalMessageID == "<invoice-42@gateway.test>")
        #expect(result.deliveredTo.contains("bounces+d7-abc@gateway.test"))
        #expect(InboundClassifier.classify(MailFixtures.lf(raw)) == result)
    }

    @Test("Action: delayed with a 4.x.x code is a delay, not a bounce")
    func delay() throws {
        let raw = MailFixtures.deliveryReport(action: "delayed", status: "4.2.2", diagnostic: "452 4.2.2 Mailbox full")
        let result = InboundClassifier.classify(raw)
        #expect(result.kind == .delay)
        let recipient = try #require(result.recipients.first)
        #expect(recipient.status == "4.2.2" && !recipient.permanent && recipient.reason == "mailboxfull")
    }

    @Test("a success DSN is delivered and reports no failure")
    func delivered() {
        let result = InboundClassifier.classify(MailFixtures.deliveryReport(action: "delivered", status: "2.0.0", diagnostic: "250 OK"))
        #expect(result.kind == .delivered && result.recipients.isEmpty)
    }

    @Test("an RFC 3834 auto-reply (Auto-Submitted: auto-replied) is an auto-reply")
    func rfc3834() {
        let raw = MailFixtures.mail([
            "From: Jan Peeters <jan@acct.test>", "To: bounces+d9-xyz@gateway.test", "Subject: Re: Factuur 2025-001",
            "Auto-Submitted: auto-replied", "In-Reply-To: <invoice-9@gateway.test>", "",
            "Ik ben afwezig tot 5 mei. Contact: office@acct.test", "",
        ])
        let result = InboundClassifier.classify(raw)
        #expect(result.kind == .autoReply && result.recipients.isEmpty)
        #expect(result.inReplyTo == "<invoice-9@gateway.test>")
    }

    @Test("an Exchange out-of-office without Auto-Submitted is recognised by its headers and subject",
          arguments: ["Automatisch antwoord: Factuur 2025-001", "Afwezig: Factuur", "Absence: facture",
                      "Out of office: invoice", "Abwesenheit: Rechnung", "Automatic reply: invoice",
                      "=?UTF-8?Q?R=C3=A9ponse_automatique=C2=A0:_facture?=", "Abwesenheitsnotiz: Rechnung"])
    func exchangeOutOfOffice(subject: String) {
        let raw = MailFixtures.mail([
            "From: Marie Dubois <marie@acct.test>", "To: <invoices@gateway.test>", "Subject: \(subject)",
            "X-Auto-Response-Suppress: All", "X-MS-Has-Attach:", "Content-Type: text/plain; charset=utf-8", "",
            "Je suis absente jusqu'au 5 mai.", "",
        ])
        #expect(InboundClassifier.classify(raw).kind == .autoReply)
        // The subject alone is enough, and so are the Exchange headers alone.
        let headersOnly = MailFixtures.mail([
            "From: marie@acct.test", "Subject: Factuur", "X-Auto-Response-Suppress: All",
            "X-MS-Exchange-Inbox-Rules-Loop: marie@acct.test", "", "Afwezig.", "",
        ])
        #expect(InboundClassifier.classify(headersOnly).kind == .autoReply)
    }

    @Test("a person answering with In-Reply-To is a reply, even when the text mentions a failure")
    func humanReply() {
        let raw = MailFixtures.mail([
            "From: Boekhouder <boekhouder@acct.test>", "To: invoices@gateway.test", "Subject: Re: factuur 12",
            "In-Reply-To: <invoice-12@gateway.test>", "References: <invoice-11@gateway.test> <invoice-12@gateway.test>", "",
            "Dank u. De vorige mail naar oud@acct.test kon niet worden bezorgd, gebruik dit adres.", "",
        ])
        let result = InboundClassifier.classify(raw)
        #expect(result.kind == .reply && result.recipients.isEmpty)
        #expect(result.inReplyTo == "<invoice-12@gateway.test>")
        #expect(result.references == ["<invoice-11@gateway.test>", "<invoice-12@gateway.test>"])
    }

    @Test("an ARF report is feedback and reports no failed recipient")
    func arf() {
        let raw = MailFixtures.mail([
            "From: abuse@isp.test", "To: postmaster@gateway.test", "Subject: FW: Invoice",
            "Content-Type: multipart/report; report-type=feedback-report; boundary=\"A1\"", "",
            "--A1", "Content-Type: text/plain", "", "This is an email abuse report for user@isp.test.", "",
            "--A1", "Content-Type: message/feedback-report", "",
            "Feedback-Type: abuse", "User-Agent: ISP-FBL/1.0", "Version: 1", "Original-Rcpt-To: user@isp.test", "",
            "--A1", "Content-Type: message/rfc822", "", "Message-ID: <invoice-5@gateway.test>", "To: user@isp.test",
            "", "Invoice", "", "--A1--", "",
        ])
        let result = InboundClassifier.classify(raw)
        #expect(result.kind == .feedback && result.recipients.isEmpty)
        #expect(result.originalMessageID == "<invoice-5@gateway.test>")
    }

    @Test("a qmail bounce without a report names the failed address and the server's answer")
    func qmail() throws {
        let raw = MailFixtures.mail([
            "From: MAILER-DAEMON@mx.acct.test", "To: bounces+d3-q@gateway.test", "Subject: failure notice", "",
            "Hi. This is the qmail-send program at mx.acct.test.",
            "I'm afraid I wasn't able to deliver your message to the following addresses.",
            "This is a permanent error; I've given up. Sorry it didn't work out.", "",
            "<gone@acct.test>:", "192.0.2.1 does not like recipient.",
            "Remote host said: 550 5.1.1 <gone@acct.test>... User unknown", "Giving up on 192.0.2.1.", "",
            "--- Below this line is a copy of the message.", "", "Return-Path: <bounces+d3-q@gateway.test>",
            "To: gone@acct.test, other@acct.test", "", "Invoice", "",
        ])
        let result = InboundClassifier.classify(raw)
        #expect(result.kind == .bounce)
        let recipient = try #require(result.recipients.first)
        #expect(result.recipients.map(\.address) == ["gone@acct.test"])
        #expect(recipient.status == "5.1.1" && recipient.reason == "userunknown" && recipient.permanent)
    }

    @Test("X-Failed-Recipients names the failed set even when the notice names more addresses")
    func failedRecipientsHeader() {
        let raw = MailFixtures.mail([
            "From: Mail Delivery System <Mailer-Daemon@mx.acct.test>", "To: bounces+d4-e@gateway.test",
            "Subject: Mail delivery failed: returning message to sender", "X-Failed-Recipients: full@acct.test",
            "Auto-Submitted: auto-replied", "",
            "A message that you sent could not be delivered to one or more of its",
            "recipients. This is a permanent error. The following address(es) failed:", "",
            "  full@acct.test", "    host mx.acct.test [192.0.2.2]: 552 5.2.2 Mailbox full (forwarded to team@acct.test)", "",
        ])
        let result = InboundClassifier.classify(raw)
        #expect(result.kind == .bounce)
        #expect(result.recipients.map(\.address) == ["full@acct.test"])
        #expect(result.recipients.first?.reason == "mailboxfull")
    }

    @Test("an Amazon SES bounce notification in JSON is a bounce of its bounced recipients")
    func amazonSES() {
        let json = #"{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"nobody@acct.test","action":"failed","status":"5.1.1","diagnosticCode":"smtp; 550 5.1.1 user unknown"}]},"mail":{"source":"invoices@gateway.test"}}"#
        let raw = MailFixtures.mail(["From: no-reply@sns.amazonaws.com", "Subject: AWS Notification Message",
                                 "Content-Type: text/plain; charset=UTF-8", "", json, ""])
        let result = InboundClassifier.classify(raw)
        #expect(result.kind == .bounce)
        #expect(result.recipients.map(\.address) == ["nobody@acct.test"])
        #expect(result.recipients.first?.status == "5.1.1")
    }

    @Test("a plain mail is other")
    func other() {
        let raw = MailFixtures.mail(["From: news@shop.test", "Subject: Our offers", "", "Write to sales@shop.test", ""])
        let result = InboundClassifier.classify(raw)
        #expect(result.kind == .other && result.recipients.isEmpty)
    }
}
