import Foundation

/// The words a bounce writes for people, without the returned original: the text parts of the mail
/// (HTML only when there is no plain text), cut where a copy of the original message begins.
/// The original's headers and body name the sender and other addresses that did not fail.
enum NotificationText {
    static func lines(of message: MailMessage) -> [String] {
        split(message).notice
    }

    /// The notice, and what follows it in the same text parts (the pasted original, if any).
    static func split(_ message: MailMessage) -> (notice: [String], rest: [String]) {
        var lines: [String] = []
        var rest: [String] = []
        for text in texts(of: message) {
            let split = text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
                .map { $0.hasSuffix("\r") ? String($0.dropLast()) : String($0) }
            for (index, line) in split.enumerated() {
                if startsOriginal(line) || (index + 1 < split.count && startsHeaderBlock(line, next: split[index + 1])) {
                    rest += split[index...]
                    break
                }
                lines.append(line)
            }
        }
        return (lines, rest)
    }

    /// A copied mail pasted without a marker line: `From: …` or `To: …` at the left margin, then another header.
    private static func startsHeaderBlock(_ line: String, next: String) -> Bool {
        let lower = line.lowercased()
        guard ["from: ", "to: "].contains(where: { lower.hasPrefix($0) }) else { return false }
        let nextLower = next.lowercased()
        return ["from: ", "to: ", "date: ", "subject: ", "cc: ", "message-id: ", "mime-version: "]
            .contains { nextLower.hasPrefix($0) }
    }

    private static func texts(of message: MailMessage) -> [String] {
        let leaves = message.leafParts
        let plain = leaves.filter { $0.isPlainText && !isAttachedOriginal($0) }
        if !plain.isEmpty { return plain.map(\.decodedText) }
        return leaves.filter { $0.mediaType == "text/html" }.map { stripTags($0.decodedText) }
    }

    /// A text part that is a returned mail or its headers, as some servers attach it.
    private static func isAttachedOriginal(_ part: MailMessage) -> Bool {
        let disposition = (part.header("Content-Description") ?? "").lowercased()
        return disposition.contains("undelivered message") || disposition.contains("original message")
            || disposition.contains("message headers")
    }

    /// Lines that begin the copy of the original message, lowercased.
    private static let originalMarkers = [
        "original message follows", "below this line is a copy", "this is a copy of the message",
        "copy of the original message", "original message header", "----- original message", "-----original message",
        "--- original message", "returned message follows", "unsent message below", "message text follows",
        "headers of the original message", "header of the original message", "original message headers",
        "start of returned message", "original text follows", "the header of the original message",
        "content-type: message/rfc822", "your original message", "original message is attached",
        "the text you sent follows", "message headers follow", "--- message header", "this is the original message",
        "--- the following is the original message", "rfc822 headers follow", "a copy of the original message",
        "original message details", "original message as received",
    ]

    /// Header fields that start a copied mail when it follows the notice without a marker line.
    private static let originalHeaderStarts = ["received: ", "return-path: ", "message-id: ", "dkim-signature: ",
                                               "x-received: ", "arc-seal: ", "authentication-results: "]

    static func startsOriginal(_ line: String) -> Bool {
        let lower = line.lowercased()
        if originalHeaderStarts.contains(where: { lower.hasPrefix($0) }) { return true }
        if lower.trimmingCharacters(in: .whitespaces) == "original message:" { return true }
        return lower.count < 120 && originalMarkers.contains { lower.contains($0) }
    }

    /// HTML reduced to its text: tags dropped, line breaks kept at block elements.
    static func stripTags(_ html: String) -> String {
        var out = ""
        var inTag = false
        var tag = ""
        for character in html {
            if inTag {
                if character == ">" {
                    inTag = false
                    let name = tag.lowercased()
                    if name.hasPrefix("br") || name.hasPrefix("/p") || name.hasPrefix("/div") || name.hasPrefix("/tr")
                        || name.hasPrefix("p") || name.hasPrefix("li") { out += "\n" }
                    tag = ""
                } else if tag.count < 10 { tag.append(character) }
            } else if character == "<" {
                inTag = true
            } else {
                out.append(character)
            }
        }
        return out.replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">")
            .replacingOccurrences(of: "&nbsp;", with: " ").replacingOccurrences(of: "&amp;", with: "&")
    }
}

extension NotificationText {
    /// All text of the mail's text parts, for looking for quote markers.
    static func plainText(of message: MailMessage) -> String {
        texts(of: message).joined(separator: "\n")
    }
}
