import Foundation

/// Content-Transfer-Encoding undone on bytes: base64 and quoted-printable, anything else as is.
/// (Named apart from the Outbound `TransferEncoding`, which encodes.)
enum TransferDecoding {
    static func decode(_ body: ArraySlice<UInt8>, encoding: String?) -> ArraySlice<UInt8> {
        switch ASCIIBytes.trimmingWhitespace((encoding ?? "").lowercased()) {
        case "base64": return base64(body)[...]
        case "quoted-printable": return quotedPrintable(body)[...]
        default: return body
        }
    }

    /// Line breaks and other junk are skipped by `.ignoreUnknownCharacters`, so the bytes go to the
    /// decoder as they are.
    private static func base64(_ body: ArraySlice<UInt8>) -> [UInt8] {
        if let decoded = Data(base64Encoded: Data(body), options: .ignoreUnknownCharacters) { return [UInt8](decoded) }
        // Base64 cut short by a broken mailer still decodes when padded to a multiple of four (rare:
        // done on the text, counting characters as the first version did).
        let compact = String(decoding: body, as: UTF8.self).filter { !$0.isWhitespace }
        let usable = compact.filter { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "/" }
        let whole = String(usable.prefix(usable.count - usable.count % 4))
        return Data(base64Encoded: whole, options: .ignoreUnknownCharacters).map { [UInt8]($0) } ?? Array(body)
    }

    static func quotedPrintable(_ bytes: some RandomAccessCollection<UInt8>) -> [UInt8] {
        let bytes = Array(bytes)
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
        return out
    }
}
