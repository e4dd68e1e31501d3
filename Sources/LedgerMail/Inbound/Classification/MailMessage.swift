import Foundation

/// A received mail, parsed leniently: headers unfolded, MIME parts split, bodies decoded.
/// Accepts LF or CRLF line ends (stored corpora use LF, IMAP gives CRLF) and never fails:
/// a broken message is still a message with whatever headers could be read.
struct MailMessage: Sendable {
    let headers: [(name: String, value: String)]
    /// The raw body bytes (after the blank line), still transfer-encoded.
    let rawBody: Data
    /// The parts of a multipart message (empty otherwise), split once: classification looks at them many times.
    private(set) var parts: [MailMessage]

    /// Nested multiparts deeper than this are junk or an attack: their parts are not read.
    private static let maxDepth = 20

    init(_ data: Data) { self.init(data, depth: 0) }

    private init(_ data: Data, depth: Int) {
        let bytes = [UInt8](data)
        var lines: [String] = []
        var index = 0
        var bodyStart = bytes.count
        while index < bytes.count {
            var end = index
            while end < bytes.count && bytes[end] != 10 { end += 1 }
            var line = bytes[index..<end]
            if line.last == 13 { line = line.dropLast() }
            index = end + 1
            if line.isEmpty { bodyStart = min(index, bytes.count); break }
            // An mbox "From " separator is not a header: mails saved from a Unix mailbox start with one.
            if lines.isEmpty && line.starts(with: Array("From ".utf8)) { continue }
            lines.append(String(decoding: line, as: UTF8.self))
        }
        var parsed: [(String, String)] = []
        for line in lines {
            if let first = line.first, first == " " || first == "\t", !parsed.isEmpty {
                parsed[parsed.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                parsed.append((String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                               String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        headers = parsed
        rawBody = bodyStart < bytes.count ? Data(bytes[bodyStart...]) : Data()
        parts = []
        parts = splitParts(depth: depth)
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    func allHeaders(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
    }

    /// A header with its RFC 2047 encoded words decoded (`=?UTF-8?B?…?=`), for subjects and names.
    func decodedHeader(_ name: String) -> String? {
        header(name).map(EncodedWords.decode)
    }

    /// The media type in lowercase (`multipart/report`), `text/plain` when absent.
    var mediaType: String {
        let value = header("Content-Type") ?? "text/plain"
        return (value.split(separator: ";").first.map(String.init) ?? value).trimmingCharacters(in: .whitespaces).lowercased()
    }

    /// A Content-Type parameter (`boundary`, `report-type`, `charset`), unquoted.
    func contentTypeParameter(_ name: String) -> String? {
        guard let value = header("Content-Type") else { return nil }
        for piece in MailMessage.splitParameters(value).dropFirst() {
            guard let equals = piece.firstIndex(of: "=") else { continue }
            let key = piece[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            guard key == name.lowercased() else { continue }
            var raw = piece[piece.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 { raw = String(raw.dropFirst().dropLast()) }
            return raw
        }
        return nil
    }

    /// The body with its Content-Transfer-Encoding undone.
    var decodedBody: Data {
        switch (header("Content-Transfer-Encoding") ?? "").lowercased().trimmingCharacters(in: .whitespaces) {
        case "base64":
            let compact = String(decoding: rawBody, as: UTF8.self).filter { !$0.isWhitespace }
            return Data(base64Encoded: compact, options: .ignoreUnknownCharacters)
                ?? Data(base64Encoded: MailMessage.padded(compact), options: .ignoreUnknownCharacters) ?? rawBody
        case "quoted-printable":
            return MailMessage.decodeQuotedPrintable(rawBody)
        default:
            return rawBody
        }
    }

    /// The decoded body as text in its declared charset (UTF-8, then Latin-1, when unknown or wrong).
    var decodedText: String { Charsets.decode(decodedBody, charset: contentTypeParameter("charset")) }

    private func splitParts(depth: Int) -> [MailMessage] {
        guard depth < MailMessage.maxDepth, mediaType.hasPrefix("multipart/"),
              let boundary = contentTypeParameter("boundary"), !boundary.isEmpty else { return [] }
        let delimiter = Array("--\(boundary)".utf8)
        let bytes = [UInt8](rawBody)
        var result: [MailMessage] = []
        var partStart: Int?
        var lineStart = 0
        while lineStart < bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 10 { lineEnd += 1 }
            let line = bytes[lineStart..<lineEnd]
            if line.starts(with: delimiter) {
                if let start = partStart {
                    // The CRLF before the delimiter belongs to the delimiter.
                    var end = lineStart
                    if end > start, bytes[end - 1] == 10 { end -= 1 }
                    if end > start, bytes[end - 1] == 13 { end -= 1 }
                    result.append(MailMessage(Data(bytes[start..<max(start, end)]), depth: depth + 1))
                }
                let rest = line.dropFirst(delimiter.count)
                if rest.starts(with: [45, 45]) { return result }   // "--": the closing delimiter
                partStart = lineEnd + 1
            }
            lineStart = lineEnd + 1
        }
        if let start = partStart, start < bytes.count { result.append(MailMessage(Data(bytes[start...]), depth: depth + 1)) }
        return result
    }

    /// Every part, this message first, then its parts in order (for finding a report or an attachment).
    /// A returned `message/rfc822` is one leaf part: the original mail inside it is not searched.
    var allParts: [MailMessage] {
        var out: [MailMessage] = []
        func visit(_ part: MailMessage) {
            out.append(part)
            for child in part.parts { visit(child) }
        }
        visit(self)
        return out
    }

    /// The parts that hold content: not multiparts, except a multipart whose boundary never occurs
    /// (its body is then read as text, as a mail reader would show it).
    var leafParts: [MailMessage] {
        allParts.filter { !$0.mediaType.hasPrefix("multipart/") || $0.parts.isEmpty }
    }

    /// Whether the part is text to read (`text/plain`, or a broken multipart shown as text).
    var isPlainText: Bool { mediaType == "text/plain" || mediaType.hasPrefix("multipart/") }

    static func splitParameters(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for character in value {
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted { pieces.append(current); current = "" } else { current.append(character) }
        }
        pieces.append(current)
        return pieces
    }

    /// Base64 cut short by a broken mailer still decodes when padded to a multiple of four.
    private static func padded(_ base64: String) -> String {
        let usable = base64.filter { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" }
        let whole = usable.prefix(usable.count - usable.count % 4)
        return String(whole)
    }

    static func decodeQuotedPrintable(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = 0
        func hex(_ byte: UInt8) -> UInt8? {
            switch byte {
            case 48...57: return byte - 48
            case 65...70: return byte - 55
            case 97...102: return byte - 87
            default: return nil
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 61 {   // "="
                if index + 1 < bytes.count, bytes[index + 1] == 10 { index += 2; continue }
                if index + 2 < bytes.count, bytes[index + 1] == 13, bytes[index + 2] == 10 { index += 3; continue }
                if index + 2 < bytes.count, let high = hex(bytes[index + 1]), let low = hex(bytes[index + 2]) {
                    out.append(high << 4 | low)
                    index += 3
                    continue
                }
            }
            out.append(byte)
            index += 1
        }
        return Data(out)
    }
}
