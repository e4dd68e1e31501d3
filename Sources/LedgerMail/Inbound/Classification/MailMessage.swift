import Foundation

/// A received mail, parsed leniently: headers unfolded, MIME parts split, bodies decoded.
/// Accepts LF or CRLF line ends (stored corpora use LF, IMAP gives CRLF) and never fails:
/// a broken message is still a message with whatever headers could be read.
struct MailMessage: Sendable {
    let headers: [(name: String, value: String)]
    /// The raw body bytes (after the blank line), still transfer-encoded.
    let rawBody: Data

    private static let maxDepth = 20

    init(_ data: Data) {
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
    }

    func header(_ name: String) -> String? {
        headers.first { $0.name.caseInsensitiveCompare(name) == .orderedSame }?.value
    }

    func allHeaders(_ name: String) -> [String] {
        headers.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.value)
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
            return Data(base64Encoded: compact, options: .ignoreUnknownCharacters) ?? rawBody
        case "quoted-printable":
            return MailMessage.decodeQuotedPrintable(rawBody)
        default:
            return rawBody
        }
    }

    var decodedText: String { String(decoding: decodedBody, as: UTF8.self) }

    /// The parts of a multipart message (empty otherwise).
    var parts: [MailMessage] { parts(depth: 0) }

    private func parts(depth: Int) -> [MailMessage] {
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
                    result.append(MailMessage(Data(bytes[start..<max(start, end)])))
                }
                let rest = line.dropFirst(delimiter.count)
                if rest.starts(with: [45, 45]) { return result }   // "--": the closing delimiter
                partStart = lineEnd + 1
            }
            lineStart = lineEnd + 1
        }
        if let start = partStart, start < bytes.count { result.append(MailMessage(Data(bytes[start...]))) }
        return result
    }

    /// Every part, depth first, this message included (for finding a report or an attachment).
    var allParts: [MailMessage] {
        var out: [MailMessage] = [self]
        var queue = parts(depth: 0).map { ($0, 1) }
        while !queue.isEmpty {
            let (part, depth) = queue.removeFirst()
            out.append(part)
            if depth < MailMessage.maxDepth { queue += part.parts(depth: depth).map { ($0, depth + 1) } }
        }
        return out
    }

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

    static func decodeQuotedPrintable(_ data: Data) -> Data {
        let bytes = [UInt8](data)
        var out: [UInt8] = []
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
