import Foundation
import Testing
@testable import LedgerMail

/// The classifier reads whatever arrives in the inbox: it must return, not crash, on any bytes.
@Suite("Inbound classification never crashes")
struct RobustnessTests {
    @Test("broken MIME and junk", arguments: [
        "", "\r\n\r\n", "\n", "From ", ":", "Content-Type: multipart/report; boundary=\"x\"\r\n\r\n--x\r\nContent-Type: message/delivery-status\r\n\r\n",
        "Content-Type: multipart/mixed\r\n\r\nno boundary", "Content-Transfer-Encoding: base64\r\n\r\n@@@@",
        "Content-Type: multipart/mixed; boundary=\"\"\r\n\r\n--\r\n--\r\n", "Subject: =?utf-8?B?\r\n\r\n",
        "Subject: =?x?Q?=?=?=\r\n\r\n", "From: @@@\r\nSubject: undeliverable\r\n\r\n@@@ a@b. @.c a@-.- <@> x@y.z..w",
        "Content-Type: text/plain\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n=\r\n=4\r\n=ZZ",
        "From: MAILER-DAEMON\r\n\r\nFinal-Recipient: rfc822;\r\nAction:\r\nStatus: 5.\r\n",
        "From: MAILER-DAEMON\r\n\r\n{\"notificationType\":\"Bounce\",\"bounce\":[1,2",
    ])
    func brokenInput(text: String) {
        _ = InboundClassifier.classify(Data(text.utf8))
    }

    @Test("binary junk, huge lines and deep nesting")
    func hostileInput() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20 {
            let junk = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = InboundClassifier.classify(Data(junk))
            _ = InboundClassifier.classify(Data("From: MAILER-DAEMON@x.test\r\nSubject: failure notice\r\n\r\n".utf8) + Data(junk))
        }
        let hugeLine = "From: MAILER-DAEMON@x.test\r\nSubject: Undeliverable\r\n\r\n" + String(repeating: "a@", count: 200_000)
        _ = InboundClassifier.classify(Data(hugeLine.utf8))
        var nested = ""
        for level in 0..<60 {
            nested += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n"
        }
        _ = InboundClassifier.classify(Data(("From: MAILER-DAEMON@x.test\r\n" + nested).utf8))
    }

    @Test("truncated prefixes of corpus mails", .enabled(if: MailCorpus.isPresent, "shared/corpus/mail not found: truncation test skipped"))
    func truncatedCorpusMails() throws {
        let files = ["sisimai/rfc3464-01.eml", "sisimai/lhost-exim-01.eml", "sisimai/lhost-qmail-01.eml",
                     "sisimai/lhost-amazonses-11.eml", "sisimai/arf-01.eml", "flufl/simple_01.eml", "replies/talon-gmail.eml"]
        for row in try MailCorpus.rows() where files.contains(row.file) {
            let data = try MailCorpus.mail(row)
            let step = max(1, data.count / 150)
            for length in stride(from: 0, through: data.count, by: step) {
                _ = InboundClassifier.classify(data.prefix(length))
                let crlf = Data(String(decoding: data.prefix(length), as: UTF8.self)
                    .replacingOccurrences(of: "\n", with: "\r\n").utf8)
                _ = InboundClassifier.classify(crlf)
            }
        }
    }

    @Test("CRLF and LF line ends classify alike over the corpus", .enabled(if: MailCorpus.isPresent, "shared/corpus/mail not found: line-end test skipped"))
    func lineEnds() throws {
        var different: [String] = []
        for row in try MailCorpus.rows() {
            let lf = try MailCorpus.mail(row)
            let crlf = Data(String(decoding: lf, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n")
                .replacingOccurrences(of: "\n", with: "\r\n").utf8)
            let left = InboundClassifier.classify(MailFixtures.lf(lf)), right = InboundClassifier.classify(crlf)
            if left.kind != right.kind || left.recipients.map(\.address) != right.recipients.map(\.address) {
                different.append(row.file)
            }
        }
        #expect(different.isEmpty, "classified differently with CRLF: \(different)")
    }
}
