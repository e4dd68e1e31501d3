/// The words a bounce writes for people, without the returned original: the text parts of the mail
/// (HTML only when there is no plain text), cut where a copy of the original message begins.
/// The original's headers and body name the sender and other addresses that did not fail.
///
/// Worked out once per message (`MailMessage.notification`): the bounce test, the recipient parser
/// and its fallbacks all read it.
struct NotificationText {
    /// One line of the notice: its UTF-8 bytes and those lowercased, for the keyword lists.
    /// Both are slices of one buffer per text part (a line that is not ASCII has its own `lower`).
    struct Line {
        let bytes: ArraySlice<UInt8>
        let lower: ArraySlice<UInt8>

        var text: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// The text parts that were read, in order.
    let texts: [String]
    /// The notice: the text parts' lines up to where each one's copy of the original begins.
    let notice: [Line]
    /// What follows the notice in the same text parts (the pasted original, if any).
    let rest: [Line]

    init(_ message: MailMessage) {
        texts = Self.texts(of: message)
        var notice: [Line] = []
        var rest: [Line] = []
        for text in texts {
            let lines = Self.lines(of: text)
            for (index, line) in lines.enumerated() {
                if Self.startsOriginal(line) || (index + 1 < lines.count && Self.startsHeaderBlock(line, next: lines[index + 1])) {
                    rest += lines[index...]
                    break
                }
                notice.append(line)
            }
        }
        self.notice = notice
        self.rest = rest
    }

    /// The lines of a text part (see `ASCIIBytes.lineRanges`), lowercased once for the whole text.
    private static func lines(of text: String) -> [Line] {
        let bytes = Array(text.utf8)
        let lowered = bytes.map(ASCIIBytes.lowercased)
        let ascii = ASCIIBytes.isASCII(bytes)
        return ASCIIBytes.lineRanges(bytes).map { range in
            let line = bytes[range]
            // `lowercased()` maps more than ASCII letters, and may change the length: such lines are lowered apart.
            let lower = ascii || ASCIIBytes.isASCII(line) ? lowered[range] : ASCIIBytes.lowercased(String(decoding: line, as: UTF8.self))[...]
            return Line(bytes: line, lower: lower)
        }
    }

    /// All text of the mail's text parts, for looking for quote markers.
    var plainText: String { texts.joined(separator: "\n") }

    private static let headerBlockStarts = PhraseSet(["from: ", "to: "])
    private static let headerBlockFollowers = PhraseSet(["from: ", "to: ", "date: ", "subject: ", "cc: ", "message-id: ", "mime-version: "])

    /// A copied mail pasted without a marker line: `From: …` or `To: …` at the left margin, then another header.
    private static func startsHeaderBlock(_ line: Line, next: Line) -> Bool {
        headerBlockStarts.matchesPrefix(line.lower) && headerBlockFollowers.matchesPrefix(next.lower)
    }

    private static func texts(of message: MailMessage) -> [String] {
        let leaves = message.leafParts
        let plain = leaves.filter { $0.isPlainText && !isAttachedOriginal($0) }
        if !plain.isEmpty { return plain.map(\.decodedText) }
        return leaves.filter { $0.mediaType == "text/html" }.map { HTMLText.stripTags($0.decodedText) }
    }

    /// A text part that is a returned mail or its headers, as some servers attach it.
    private static func isAttachedOriginal(_ part: MailMessage) -> Bool {
        guard let description = part.header("Content-Description") else { return false }
        return attachedOriginalDescriptions.matches(ASCIIBytes.lowercased(description))
    }

    private static let attachedOriginalDescriptions = PhraseSet(["undelivered message", "original message", "message headers"])

    /// Lines that begin the copy of the original message, lowercased.
    private static let originalMarkers = PhraseSet([
        "original message follows", "below this line is a copy", "this is a copy of the message",
        "copy of the original message", "original message header", "----- original message", "-----original message",
        "--- original message", "returned message follows", "unsent message below", "message text follows",
        "headers of the original message", "header of the original message", "original message headers",
        "start of returned message", "original text follows", "the header of the original message",
        "content-type: message/rfc822", "your original message", "original message is attached",
        "the text you sent follows", "message headers follow", "--- message header", "this is the original message",
        "--- the following is the original message", "rfc822 headers follow", "a copy of the original message",
        "original message details", "original message as received",
    ])

    /// Header fields that start a copied mail when it follows the notice without a marker line.
    private static let originalHeaderStarts = PhraseSet(["received: ", "return-path: ", "message-id: ", "dkim-signature: ",
                                                         "x-received: ", "arc-seal: ", "authentication-results: "])

    private static func startsOriginal(_ line: Line) -> Bool {
        if originalHeaderStarts.matchesPrefix(line.lower) { return true }
        let lower = line.lower
        let ascii = ASCIIBytes.isASCII(lower)
        if ascii ? ASCIIBytes.trimmingASCIIWhitespace(lower).elementsEqual("original message:".utf8)
                 : ASCIIBytes.trimmingWhitespace(String(decoding: lower, as: UTF8.self)) == "original message:" { return true }
        // A marker is a short line of its own, not a sentence of the notice that quotes one.
        let length = ascii ? lower.count : String(decoding: lower, as: UTF8.self).count
        return length < 120 && originalMarkers.matches(lower)
    }
}
