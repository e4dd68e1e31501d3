import Foundation
@testable import LedgerMail

/// Mail that other parties send into the stack, and inbox passes until something shows.
enum StackMail {
    /// Sends a raw mail (LF written, CRLF sent) over SMTP, as another party would.
    static func deliver(_ text: String, from: String, to: String) async throws {
        let client = try SMTPClient(server: MailStack.smtp)
        let message = Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let transfer = await client.send(envelopeFrom: try EmailAddress(from), recipients: [try EmailAddress(to)], message: message)
        guard case .accepted = transfer.outcome else { throw StackError("not accepted: \(transfer.outcome)") }
    }

    /// A dossier with one purchase invoice sent to `address`; returns its delivery id and Message-ID.
    static func sentInvoice(_ test: TestGateway, to address: String = "inkoop@acct.test") async throws -> (Int64, String) {
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: [address])
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        guard report.sent == 1, let delivery = try test.gateway.status(dossier: "acme").first?.deliveries.first,
              let messageID = delivery.messageID else { throw StackError("not sent: \(report.problems)") }
        return (delivery.id, messageID)
    }

    /// Runs inbox passes until `condition` holds or `seconds` pass.
    static func readUntil(_ gateway: Gateway, seconds: Double = 30, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            _ = try await gateway.inboxReader.readNewMail()
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(300))
        } while Date() < deadline
    }

    /// A delivery-status report to delivery `id`'s VERP address, about `original` (its Message-ID).
    static func report(_ gateway: Gateway, deliveryID id: Int64, original: String, notice: String, action: String,
                       status: String, finalRecipient: String, originalRecipient: String? = nil) -> (text: String, to: String) {
        let to = "bounces+\(gateway.verp.token(deliveryID: id))@gateway.test"
        let text = """
            From: Mail Delivery System <MAILER-DAEMON@mx.acct.test>
            To: \(to)
            Subject: Delivery Status Notification
            MIME-Version: 1.0
            Content-Type: multipart/report; report-type=delivery-status; boundary="b"

            --b
            Content-Type: text/plain

            \(notice)
            --b
            Content-Type: message/delivery-status

            Reporting-MTA: dns; mx.acct.test

            Final-Recipient: rfc822; \(finalRecipient)\(originalRecipient.map { "\nOriginal-Recipient: rfc822; \($0)" } ?? "")
            Action: \(action)
            Status: \(status)

            --b
            Content-Type: text/rfc822-headers

            Message-ID: \(original)
            --b--
            """
        return (text, to)
    }
}
