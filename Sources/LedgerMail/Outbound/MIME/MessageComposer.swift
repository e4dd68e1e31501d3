import Foundation

/// A file attached to an outgoing mail.
public struct MailAttachment: Sendable, Equatable {
    public var fileName: String
    public var mimeType: String
    public var data: Data

    public init(fileName: String, mimeType: String, data: Data) {
        self.fileName = fileName
        self.mimeType = mimeType
        self.data = data
    }
}

/// Everything that goes into one outgoing mail, before it becomes bytes.
public struct MailContent: Sendable {
    public var from: Mailbox
    public var to: [EmailAddress]
    public var replyTo: EmailAddress?
    public var subject: String
    public var text: String
    public var attachments: [MailAttachment]
    public var messageID: String
    public var date: Date

    public init(from: Mailbox, to: [EmailAddress], replyTo: EmailAddress?, subject: String, text: String,
                attachments: [MailAttachment], messageID: String, date: Date) {
        self.from = from
        self.to = to
        self.replyTo = replyTo
        self.subject = subject
        self.text = text
        self.attachments = attachments
        self.messageID = messageID
        self.date = date
    }
}

/// Writes a `MailContent` as an RFC 5322 / MIME message that no server rejects: CRLF only,
/// no line over 998 octets (in fact none over 78), 7-bit on the wire.
///
/// libcurl sends these bytes as they are (it does not repair bare LFs), so this is the one
/// place that guarantees the wire format.
public enum MessageComposer {
    public static func compose(_ content: MailContent) -> Data {
        var head = ""
        head += "Date: \(rfc5322Date(content.date))\r\n"
        head += HeaderEncoding.mailbox("From", content.from)
        head += HeaderEncoding.addressList("To", content.to)
        if let replyTo = content.replyTo { head += "Reply-To: \(replyTo.value)\r\n" }
        head += HeaderEncoding.unstructured("Subject", content.subject)
        head += "Message-ID: \(content.messageID)\r\n"
        head += "MIME-Version: 1.0\r\n"
        // RFC 3834: tells auto-responders this is machine mail (no vacation replies, no loops).
        head += "Auto-Submitted: auto-generated\r\n"

        // Derived from the content, so `preview` writes the same bytes as the real send (but for
        // Date and Message-ID). "=_" never occurs in base64 or quoted-printable output.
        let boundary = "=_LedgerMail_" + boundarySeed(content)
        head += "Content-Type: multipart/mixed;\r\n boundary=\"\(boundary)\"\r\n\r\n"

        var body: [UInt8] = Array(head.utf8)
        body += Array("This is a multi-part message in MIME format.\r\n".utf8)
        body += Array("--\(boundary)\r\n".utf8)
        body += Array("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n".utf8)
        body += TransferEncoding.quotedPrintable(content.text)
        for attachment in content.attachments {
            body += Array("--\(boundary)\r\n".utf8)
            let mimeType = attachment.mimeType.singleLine.filter { !$0.isWhitespace && $0 != ";" && $0 != "\"" }
            body += Array("Content-Type: \(mimeType);\r\n \(HeaderEncoding.fileNameParameters(attachment.fileName, attribute: "name"))\r\n".utf8)
            body += Array("Content-Disposition: attachment;\r\n \(HeaderEncoding.fileNameParameters(attachment.fileName))\r\n".utf8)
            body += Array("Content-Transfer-Encoding: base64\r\n\r\n".utf8)
            body += TransferEncoding.base64Lines(attachment.data)
        }
        body += Array("--\(boundary)--\r\n".utf8)
        return Data(body)
    }

    private static func boundarySeed(_ content: MailContent) -> String {
        var seed = Data((content.subject + "\u{0}" + content.text).utf8)
        for attachment in content.attachments { seed.append(Data(attachment.fileName.utf8)); seed.append(attachment.data) }
        return String(BlobStore.sha256Hex(seed).prefix(32))
    }

    /// A new globally unique Message-ID on the sender's domain.
    public static func newMessageID(domain: Substring) -> String {
        "<\(UUID().uuidString.lowercased())@\(domain)>"
    }

    static func rfc5322Date(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "Europe/Brussels")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
