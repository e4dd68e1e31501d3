import Crypto
import Foundation

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
    /// The whole message. Throws only when an attachment is a stored file that cannot be read.
    public static func compose(_ content: MailContent) throws -> Data { try pieces(content).render() }

    /// The message as pieces: headers and text as bytes, attachments still raw (see `MIMEPieces`).
    static func pieces(_ content: MailContent) throws -> MIMEPieces {
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
        let boundary = "=_LedgerMail_" + (try boundarySeed(content))
        head += "Content-Type: multipart/mixed;\r\n boundary=\"\(boundary)\"\r\n\r\n"

        var message = MIMEPieces()
        message.append(head)
        message.append("This is a multi-part message in MIME format.\r\n")
        message.append("--\(boundary)\r\n")
        message.append("Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n")
        message.append(TransferEncoding.quotedPrintable(content.text))
        for attachment in content.attachments {
            message.append("--\(boundary)\r\n")
            let mimeType = attachment.mimeType.singleLine.filter { !$0.isWhitespace && $0 != ";" && $0 != "\"" }
            message.append("Content-Type: \(mimeType);\r\n \(HeaderEncoding.fileNameParameters(attachment.fileName, attribute: "name"))\r\n")
            message.append("Content-Disposition: attachment;\r\n \(HeaderEncoding.fileNameParameters(attachment.fileName))\r\n")
            message.append("Content-Transfer-Encoding: base64\r\n\r\n")
            message.appendBase64(attachment.source)
        }
        message.append("--\(boundary)--\r\n")
        message.finish()
        return message
    }

    /// The first 32 hex digits of SHA-256(subject, NUL, text, then each file name and its bytes),
    /// hashed piece by piece rather than over a concatenated copy.
    private static func boundarySeed(_ content: MailContent) throws -> String {
        var hasher = SHA256()
        hasher.update(data: Data((content.subject + "\u{0}" + content.text).utf8))
        for attachment in content.attachments {
            hasher.update(data: Data(attachment.fileName.utf8))
            try attachment.source.forEachChunk(1 << 20) { hasher.update(bufferPointer: $0) }
        }
        return String(Hex.lowercase(hasher.finalize()).prefix(32))
    }

    /// A new globally unique Message-ID on the sender's domain.
    public static func newMessageID(domain: Substring) -> String {
        "<\(UUID().uuidString.lowercased())@\(domain)>"
    }

    private static let brussels = TimeZone(identifier: "Europe/Brussels")!
    private static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `EEE, dd MMM yyyy HH:mm:ss Z` in Brussels time, written by hand: a DateFormatter per mail
    /// cost more than encoding the attachments.
    static func rfc5322Date(_ date: Date) -> String {
        let offset = brussels.secondsFromGMT(for: date)
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down)) + time_t(offset)
        var parts = tm()
        gmtime_r(&seconds, &parts)
        func two(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        let zone = (offset < 0 ? "-" : "+") + two(Int32(abs(offset) / 3600)) + two(Int32(abs(offset) % 3600 / 60))
        return "\(dayNames[Int(parts.tm_wday)]), \(two(parts.tm_mday)) \(monthNames[Int(parts.tm_mon)]) \(parts.tm_year + 1900) "
            + "\(two(parts.tm_hour)):\(two(parts.tm_min)):\(two(parts.tm_sec)) \(zone)"
    }
}
