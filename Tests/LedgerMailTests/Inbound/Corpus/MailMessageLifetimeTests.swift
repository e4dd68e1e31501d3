import Foundation
import Testing
@testable import LedgerMail

/// Parsed messages cache their parts and texts; none of those caches may hold the message itself,
/// or every multipart mail the gateway reads would stay in memory (libFuzzer's leak check found one).
@Suite("Parsed mails are freed")
struct MailMessageLifetimeTests {
    @Test("a multipart message and its parts are freed once classified")
    func partsDoNotRetainTheMessage() {
        weak var message: MailMessage?
        weak var part: MailMessage?
        do {
            let parsed = MailMessage(MailFixtures.deliveryReport(action: "failed", status: "5.1.1", diagnostic: "550 User unknown"))
            _ = parsed.allParts
            _ = parsed.notification
            _ = parsed.decodedText
            message = parsed
            part = parsed.parts.first
            #expect(part != nil)
        }
        #expect(message == nil && part == nil)
    }
}
