import Foundation
import Testing
@testable import LedgerMail

/// The rules of issue 14, each on mails written here in the shapes seen outside: our own address
/// is never a failed recipient, a challenge is not a bounce, and an alias's report keeps both names.
@Suite("Classifier rules: own address, challenges, aliases")
struct ClassifierRuleTests {
    static let own = OwnAddresses(bounce: try! EmailAddress("bounces@gateway.test"))

    /// A provider's notice that greets its addressee (our envelope sender) and names the failed
    /// mailbox by local part only.
    static func localPartNotice(greetingAddressee: Bool) -> Data {
        MailFixtures.mail([
            "From: \"Mail Delivery Subsystem\" <MAILER-DAEMON@webmail.example>",
            "To: <bounces+d12-0a1b2c3d4e5f60718293@gateway.test>",
            "Subject: Mail Delivery Problem",
            "Content-Type: text/plain; charset=us-ascii",
            "",
            greetingAddressee ? "Dear bounces+d12-0a1b2c3d4e5f60718293@gateway.test," : "Dear sender,",
            "",
            "Your mail to the following recipients could not be delivered because",
            "they are not accepting mail from you:",
            "\tinkoop.acme",
            "",
        ])
    }

    @Test("a notice naming the failed mailbox by local part only: that mailbox on the provider's domain, never our envelope sender",
          arguments: [true, false])
    func localPartOnly(greetingAddressee: Bool) {
        for own in [Self.own, OwnAddresses.none] {
            let result = InboundClassifier.classify(Self.localPartNotice(greetingAddressee: greetingAddressee), own: own)
            #expect(result.kind == .bounce)
            #expect(result.recipients.map(\.address) == ["inkoop.acme@webmail.example"])
        }
    }

    @Test("our bounce address, in any +token form, is never a failed recipient, even when the notice names nothing else")
    func ownAddressNeverFails() {
        let raw = MailFixtures.mail([
            "From: postmaster@relay.example", "To: bounces+d3-ffffffffffffffffffff@gateway.test",
            "Subject: Undeliverable: Factuur 2026-001", "",
            "Dear BOUNCES+D3-FFFFFFFFFFFFFFFFFFFF@gateway.test,", "", "Delivery has failed: the message was refused.", "",
        ])
        #expect(InboundClassifier.classify(raw, own: Self.own).recipients.isEmpty)
        #expect(InboundClassifier.classify(raw, own: Self.own).kind == .bounce)
        #expect(Self.own.contains("Bounces@Gateway.test") && Self.own.contains("bounces+x@gateway.test"))
        #expect(!Self.own.contains("bounces@other.test") && !Self.own.contains("bouncesx@gateway.test"))
    }

    @Test("a notice that gives the cause on a line of its own ('reject reason: …') lends it to the address it names")
    func reasonLine() throws {
        let raw = MailFixtures.mail([
            "From: postmaster@mail.example", "To: bounces+d5-abc@gateway.test", "Subject: email bounce notification",
            "Auto-Submitted: auto-replied", "", "This message is to inform you that an email you sent was rejected.", "",
            "reject reason: Mailbox full", "target mail address: inkoop@acct.test", "",
        ])
        let recipient = try #require(InboundClassifier.classify(raw).recipients.first)
        #expect(recipient.address == "inkoop@acct.test" && recipient.reason == "mailboxfull")
    }

    @Test("a challenge-response request wrapped as a delivery-status report is a challenge, never a bounce",
          arguments: ["To have this message delivered, please confirm that you are a person by clicking the link below.",
                      "Thank you: you are now on my guest list, and future messages will be delivered directly."])
    func challengeAsDSN(notice: String) throws {
        let raw = MailFixtures.deliveryReport(action: "delayed", status: "4.7.0", diagnostic: "held for sender verification",
                                              notice: notice)
        let result = InboundClassifier.classify(raw)
        #expect(result.kind == .challenge)
        let recipient = try #require(result.recipients.first)
        #expect(recipient.address == "boekhouding@acct.test" && !recipient.permanent && recipient.reason == "challenge")
        #expect(result.originalMessageID == "<invoice-42@gateway.test>")
    }

    @Test("a challenge-response system's own header makes a challenge, whatever its words")
    func challengeByHeader() {
        let raw = MailFixtures.mail([
            "From: Boxbe <notify@boxbe.example>", "To: bounces+d4-abc@gateway.test", "Subject: Re: Factuur 2026-001",
            "X-Boxbe-Pending: true", "In-Reply-To: <invoice-42@gateway.test>", "", "Klik hier om uw bericht af te leveren.", "",
        ])
        #expect(InboundClassifier.classify(raw).kind == .challenge)
    }

    @Test("a person who mentions a guest list in a reply is still a reply")
    func guestListReply() {
        let raw = MailFixtures.mail([
            "From: Jan <jan@acct.test>", "To: acme@gateway.test", "Subject: Re: Factuur 2026-001",
            "In-Reply-To: <invoice-42@gateway.test>", "", "Thanks, I put you on my guest list for the party.", "",
        ])
        #expect(InboundClassifier.classify(raw).kind == .reply)
    }

    @Test("a report whose Original-Recipient and Final-Recipient differ keeps both; tied to whichever we sent to",
          arguments: [("inkoop@acct.test", "jan.peeters@mail.acct.test"), ("jan.peeters@mail.acct.test", "inkoop@acct.test")])
    func aliasReport(original: String, final: String) throws {
        let raw = MailFixtures.deliveryReport(action: "failed", status: "5.1.1", diagnostic: "550 5.1.1 user unknown",
                                              finalRecipient: final, originalRecipient: original)
        let result = InboundClassifier.classify(raw)
        let reported = try #require(result.recipients.first)
        #expect(reported.address == original && reported.finalRecipient == final)
        let tied = result.tied(to: ["INKOOP@acct.test"])
        #expect(tied.recipients.first?.address == "INKOOP@acct.test" && tied.recipients.first?.finalRecipient == final)
        #expect(tied.permanentFailure(sentTo: ["INKOOP@acct.test"])?.address == "INKOOP@acct.test")
    }
}
