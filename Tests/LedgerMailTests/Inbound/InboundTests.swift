import Foundation
import Testing
@testable import LedgerMail

@Suite("Inbound classification and VERP")
struct InboundTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    @Test("a real Postfix DSN (captured from the test stack) is a bounce: 5.1.1, userunknown, with the original Message-ID")
    func postfixDSN() throws {
        let raw = try Data(contentsOf: Self.fixtures.appendingPathComponent("postfix-dsn-5.1.1.eml"))
        let result = InboundClassifier.classify(raw)
        #expect(result.kind == .bounce)
        #expect(result.recipients.count == 1)
        let recipient = try #require(result.recipients.first)
        #expect(recipient.address == "nobody@acct.test")
        #expect(recipient.status == "5.1.1")
        #expect(recipient.reason == "userunknown")
        #expect(recipient.permanent)
        #expect(recipient.diagnostic?.contains("User doesn't exist") == true)
        #expect(result.originalMessageID == "<1f225366-d98e-4356-92e5-59967c40b8f1@gateway.test>")
        #expect(result.deliveredTo.contains("bounces+d2-25c7631c0f0d056dbbaa@gateway.test"))
    }

    @Test("the same DSN with LF line ends reads the same")
    func lfLineEnds() throws {
        let raw = try Data(contentsOf: Self.fixtures.appendingPathComponent("postfix-dsn-5.1.1.eml"))
        let lf = Data(String(decoding: raw, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
        #expect(InboundClassifier.classify(lf) == InboundClassifier.classify(raw))
    }

    @Test("a VERP token verifies only with the install's key and the exact delivery id")
    func verpTokens() throws {
        let bounce = try EmailAddress("bounces@gateway.test")
        let signer = VERPSigner(key: Data(repeating: 7, count: 32))
        let sender = signer.envelopeSender(bounceAddress: bounce, deliveryID: 42)
        #expect(sender.value.hasPrefix("bounces+d42-") && sender.value.hasSuffix("@gateway.test"))
        #expect(signer.verify(address: sender.value, bounceAddress: bounce) == VERPVerdict(deliveryID: 42, valid: true))
        #expect(signer.verify(address: "<\(sender.value.uppercased())>", bounceAddress: bounce)?.valid == true)
        let forged = sender.value.replacingOccurrences(of: "d42-", with: "d43-")
        #expect(signer.verify(address: forged, bounceAddress: bounce) == VERPVerdict(deliveryID: 43, valid: false))
        let otherKey = VERPSigner(key: Data(repeating: 8, count: 32))
        #expect(otherKey.verify(address: sender.value, bounceAddress: bounce)?.valid == false)
        #expect(signer.verify(address: "someone@gateway.test", bounceAddress: bounce) == nil)
    }

    @Test("a reply is tied by In-Reply-To; an auto-reply is recognised by Auto-Submitted")
    func replyAndAutoReply() {
        let reply = Data("From: Boekhouder <boekhouder@acct.test>\r\nSubject: Re: factuur\r\nIn-Reply-To: <abc@gateway.test>\r\n\r\nDank u.\r\n".utf8)
        let classified = InboundClassifier.classify(reply)
        #expect(classified.kind == .reply && classified.inReplyTo == "<abc@gateway.test>")
        let auto = Data("From: x@acct.test\r\nAuto-Submitted: auto-replied\r\nSubject: Afwezig\r\n\r\nIk ben afwezig.\r\n".utf8)
        #expect(InboundClassifier.classify(auto).kind == .autoReply)
    }

    @Test("broken MIME never crashes", arguments: [
        "", "\r\n\r\n", "Content-Type: multipart/report; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\n",
        "Content-Type: multipart/mixed\r\n\r\nno boundary", "Content-Transfer-Encoding: base64\r\n\r\n@@@@",
    ])
    func brokenMIME(text: String) {
        _ = InboundClassifier.classify(Data(text.utf8))
    }
}
