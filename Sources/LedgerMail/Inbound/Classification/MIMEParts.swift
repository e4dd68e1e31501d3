/// Multipart bodies split into parts. The parts are slices of the message's own bytes, so
/// splitting copies nothing, and each part's headers are read only when the part is.
extension MailMessage {
    /// Nested multiparts deeper than this are junk or an attack: their parts are not read.
    static let maxDepth = 20

    func splitParts() -> [MailMessage] {
        guard depth < MailMessage.maxDepth, mediaType.hasPrefix("multipart/"),
              let boundary = contentTypeParameter("boundary"), !boundary.isEmpty else { return [] }
        let delimiter = Array("--\(boundary)".utf8)
        let bytes = body
        var result: [MailMessage] = []
        var partStart: Int?
        var lineStart = bytes.startIndex
        while lineStart < bytes.endIndex {
            let lineEnd = bytes[lineStart...].firstIndex(of: 10) ?? bytes.endIndex
            let line = bytes[lineStart..<lineEnd]
            if line.starts(with: delimiter) {
                if let start = partStart {
                    // The CRLF before the delimiter belongs to the delimiter.
                    var end = lineStart
                    if end > start, bytes[end - 1] == 10 { end -= 1 }
                    if end > start, bytes[end - 1] == 13 { end -= 1 }
                    result.append(MailMessage(bytes[start..<max(start, end)], depth: depth + 1))
                }
                let rest = line.dropFirst(delimiter.count)
                if rest.starts(with: [45, 45]) { return result }   // "--": the closing delimiter
                partStart = lineEnd + 1
            }
            lineStart = lineEnd + 1
        }
        if let start = partStart, start < bytes.endIndex { result.append(MailMessage(bytes[start...], depth: depth + 1)) }
        return result
    }

    /// Every part, this message first, then its parts in order (for finding a report or an attachment).
    /// A returned `message/rfc822` is one leaf part: the original mail inside it is not searched.
    var allParts: [MailMessage] { [self] + descendants }

    func collectDescendants() -> [MailMessage] {
        var out: [MailMessage] = []
        func visit(_ part: MailMessage) {
            out.append(part)
            for child in part.parts { visit(child) }
        }
        for child in parts { visit(child) }
        return out
    }

    /// The parts that hold content: not multiparts, except a multipart whose boundary never occurs
    /// (its body is then read as text, as a mail reader would show it).
    var leafParts: [MailMessage] {
        allParts.filter { !$0.mediaType.hasPrefix("multipart/") || $0.parts.isEmpty }
    }

    /// Whether the part is text to read (`text/plain`, or a broken multipart shown as text).
    var isPlainText: Bool { mediaType == "text/plain" || mediaType.hasPrefix("multipart/") }
}
