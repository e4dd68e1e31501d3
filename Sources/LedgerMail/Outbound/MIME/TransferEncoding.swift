import Foundation

/// Content-Transfer-Encodings that keep every line short and 7-bit, so no server rejects
/// the message (RFC 2045; RFC 5322's 998-octet line limit). Base64 is `Base64Lines`.
enum TransferEncoding {
    static let crlf: [UInt8] = [13, 10]

    /// Quoted-printable (RFC 2045 §6.7) of UTF-8 text whose lines may be long or non-ASCII.
    /// Line breaks in the text (LF, CRLF or CR) become CRLF; soft breaks keep lines under 77.
    static func quotedPrintable(_ text: String) -> [UInt8] {
        var out: [UInt8] = []
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines {
            var column = 0
            let bytes = Array(line.utf8)
            for (index, byte) in bytes.enumerated() {
                let isLast = index == bytes.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 32 || byte == 9) && !isLast)
                let piece: [UInt8] = literal ? [byte] : [61, Hex.upper[Int(byte >> 4)], Hex.upper[Int(byte & 15)]]
                if column + piece.count > 75 {
                    out += [61] + crlf
                    column = 0
                }
                out += piece
                column += piece.count
            }
            out += crlf
        }
        return out
    }
}
