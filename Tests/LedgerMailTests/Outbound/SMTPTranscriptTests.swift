import Testing
@testable import LedgerMail

/// Which refusals are about us (kept for a retry) and which about the mail, read from the
/// dialogue as libcurl's debug callback hands it over.
@Suite("SMTP transcript")
struct SMTPTranscriptTests {
    /// Replays a dialogue: lines starting with "> " are sent, the others received.
    func transcript(_ lines: [String]) -> SMTPTranscript {
        var transcript = SMTPTranscript()
        for line in lines {
            if line.hasPrefix("> ") { transcript.sent(String(line.dropFirst(2)) + "\r\n") } else { transcript.received(line + "\r\n") }
        }
        return transcript
    }

    @Test("a refused greeting is about the session")
    func greetingRefused() {
        let refusal = transcript(["554 5.7.1 mx.example: no SMTP service here"]).sessionRefusal
        #expect(refusal?.command == "greeting" && refusal?.reply.code == 554)
    }

    @Test("MAIL FROM refusing our sender is about the session, a size refusal there is about the mail")
    func mailFrom() {
        let sender = transcript(["220 mx", "> EHLO gateway.test", "250 mx", "> MAIL FROM:<bounces+d1-x@gateway.test>",
                                 "553 5.7.1 Sender address not owned by user"]).sessionRefusal
        #expect(sender?.command == "MAIL FROM" && sender?.reply.code == 553)
        let size = transcript(["220 mx", "> EHLO gateway.test", "250 mx", "> MAIL FROM:<bounces+d1-x@gateway.test> SIZE=90000000",
                               "552 5.3.4 Message size exceeds fixed limit"]).sessionRefusal
        #expect(size == nil)
    }

    @Test("a refused recipient is about the mail, with its own reply")
    func recipientRefused() {
        let dialogue = transcript(["220 mx", "> EHLO gateway.test", "250-mx", "250 SIZE", "> MAIL FROM:<a@gateway.test>", "250 ok",
                                   "> RCPT TO:<nobody@acct.test>", "550 5.1.1 no such user"])
        #expect(dialogue.sessionRefusal == nil)
        #expect(dialogue.recipientReplies["nobody@acct.test"]?.code == 550)
    }
}
