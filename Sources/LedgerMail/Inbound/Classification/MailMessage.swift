import Foundation

/// A received mail, parsed leniently: headers unfolded, MIME parts split, bodies decoded.
/// Accepts LF or CRLF line ends (stored corpora use LF, IMAP gives CRLF) and never fails:
/// a broken message is still a message with whatever headers could be read.
///
/// A class so that what classification asks for again and again (media type, parts, decoded
/// text, the notice's lines) is worked out once, on first use: parts are not split, bodies not
/// decoded, until something needs them. Parts share the bytes of the message they are in.
final class MailMessage {
    /// The header section (`headers.isEmpty`: no readable header at all).
    let headers: HeaderFields
    /// The raw body bytes (after the blank line), still transfer-encoded.
    let body: ArraySlice<UInt8>
    let depth: Int

    convenience init(_ data: Data) { self.init([UInt8](data)[...], depth: 0) }

    init(_ bytes: ArraySlice<UInt8>, depth: Int) {
        headers = HeaderFields(bytes)
        body = bytes[headers.bodyStart...]
        self.depth = depth
    }

    var rawBody: Data { Data(body) }

    /// The first header of that name, unfolded and trimmed.
    func header(_ name: String) -> String? { headers.value(name) }

    func allHeaders(_ name: String) -> [String] { headers.values(name) }

    /// A header with its RFC 2047 encoded words decoded (`=?UTF-8?B?…?=`), for subjects and names.
    func decodedHeader(_ name: String) -> String? {
        header(name).map(EncodedWords.decode)
    }

    /// The media type and parameters, read on first use.
    private lazy var contentType = ContentType(header("Content-Type"))

    /// The media type in lowercase (`multipart/report`), `text/plain` when absent.
    var mediaType: String { contentType.mediaType }

    /// A Content-Type parameter (`boundary`, `report-type`, `charset`), unquoted.
    func contentTypeParameter(_ name: String) -> String? { contentType.parameter(name) }

    /// The body with its Content-Transfer-Encoding undone (the body itself, not a copy, when there is none).
    private(set) lazy var decodedBody: ArraySlice<UInt8> = TransferDecoding.decode(body, encoding: header("Content-Transfer-Encoding"))

    /// The decoded body as text in its declared charset (UTF-8, then Latin-1, when unknown or wrong).
    private(set) lazy var decodedText: String = Charsets.decode(decodedBody, charset: contentTypeParameter("charset"))

    /// The parts of a multipart message (empty otherwise), split on first use.
    private(set) lazy var parts: [MailMessage] = splitParts()

    /// The parts below this message, depth first, in order (see `allParts`). Kept without the
    /// message itself: an array holding `self` would be a reference cycle, and leak the mail.
    private(set) lazy var descendants: [MailMessage] = collectDescendants()

    /// The notice and the rest of the text parts, for the bounce parsers (see `NotificationText`).
    lazy var notification: NotificationText = NotificationText(self)
}
