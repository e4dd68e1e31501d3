import Foundation

/// Small mails written for these tests, in CRLF as IMAP gives them (`lf` turns one into LF).
enum MailFixtures {
    static func mail(_ lines: [String]) -> Data { Data(lines.joined(separator: "\r\n").utf8) }

    static func lf(_ data: Data) -> Data {
        Data(String(decoding: data, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
    }

    static func deliveryReport(action: String, status: String, diagnostic: String,
                               finalRecipient: String = "boekhouding@acct.test",
                               originalRecipient: String = "boekhouding@acct.test",
                               notice: String = "I'm sorry to have to inform you that your message could not be delivered.") -> Data {
        mail([
            "From: Mail Delivery System <MAILER-DAEMON@mx.acct.test>",
            "To: bounces+d7-abc@gateway.test",
            "Subject: Undelivered Mail Returned to Sender",
            "MIME-Version: 1.0",
            "Content-Type: multipart/report; report-type=delivery-status;",
            "\tboundary=\"B1\"",
            "",
            "--B1",
            "Content-Type: text/plain",
            "",
            notice,
            "",
            "--B1",
            "Content-Type: message/delivery-status",
            "",
            "Reporting-MTA: dns; mx.acct.test",
            "",
            "Final-Recipient: rfc822; \(finalRecipient)",
            "Original-Recipient: rfc822;\(originalRecipient)",
            "Action: \(action)",
            "Status: \(status)",
            "Diagnostic-Code: smtp; \(diagnostic)",
            "",
            "--B1",
            "Content-Type: text/rfc822-headers",
            "",
            "Message-ID: <invoice-42@gateway.test>",
            "To: boekhouding@acct.test",
            "",
            "--B1--",
            "",
        ])
    }
}
