import Foundation

/// Turns one EmbeddedDocumentBinaryObject into bytes, or into a warning.
/// Bad attachments never fail the whole invoice: the structured data is
/// still worth booking, and a person can ask the sender for the PDF.
struct AttachmentDecoder {
    let maxAttachmentBytes: Int

    enum Outcome: Equatable {
        case attachment(EmbeddedAttachment)
        case skipped(warning: String)
    }

    func decode(referenceID: String?, base64: String, mimeType: String?, filenameAttribute: String?) -> Outcome {
        let filename = filenameAttribute ?? referenceID ?? "attachment"
        var text = base64
        return text.withUTF8 { source in
            // Over the limit even counting whitespace: count what is not, to say how big.
            if source.count / 4 * 3 > maxAttachmentBytes {
                let estimatedBytes = source.count(where: { !Self.isWhitespace($0) }) / 4 * 3
                guard estimatedBytes <= maxAttachmentBytes else {
                    return .skipped(warning: "Attachment \(filename) skipped: about \(estimatedBytes) bytes, over the limit of \(maxAttachmentBytes) bytes.")
                }
            }
            guard let data = Self.decodeSkippingWhitespace(source) else {
                return .skipped(warning: "Attachment \(filename) skipped: its base64 content is truncated or invalid.")
            }
            return .attachment(EmbeddedAttachment(referenceID: referenceID, filename: filename, mimeType: mimeType, data: data))
        }
    }

    /// Base64 to bytes in one pass, whitespace skipped (senders wrap at 76 columns, indent, or
    /// use CRLF): megabytes for an embedded PDF, where a pass to drop the whitespace and another to
    /// decode were a third of `inspect`'s time. Strict otherwise (stricter than Foundation's, which
    /// reads "QU=D" as 2 bytes): only the base64 alphabet, `=` only closing the last group, whole
    /// groups of four; nil if not.
    static func decodeSkippingWhitespace(_ source: UnsafeBufferPointer<UInt8>) -> Data? {
        var out = Data(count: source.count / 4 * 3 + 3)
        let produced = out.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) -> Int? in
            alphabet.withUnsafeBufferPointer { alphabet in decode(source, into: target.bindMemory(to: UInt8.self).baseAddress!, alphabet) }
        }
        guard let produced else { return nil }
        out.count = produced
        return out
    }

    private static func decode(_ source: UnsafeBufferPointer<UInt8>, into target: UnsafeMutablePointer<UInt8>,
                               _ alphabet: UnsafeBufferPointer<UInt8>) -> Int? {
        var produced = 0
        var group: UInt32 = 0
        var inGroup = 0
        var padding = 0
        var index = 0
        while index < source.count {
            // The common case first: four base64 characters in a row, a whole group at once.
            if inGroup == 0, padding == 0, index + 4 <= source.count {
                let a = alphabet[Int(source[index])], b = alphabet[Int(source[index + 1])]
                let c = alphabet[Int(source[index + 2])], d = alphabet[Int(source[index + 3])]
                if (a | b | c | d) < 64 {
                    let whole = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
                    target[produced] = UInt8(truncatingIfNeeded: whole >> 16)
                    target[produced + 1] = UInt8(truncatingIfNeeded: whole >> 8)
                    target[produced + 2] = UInt8(truncatingIfNeeded: whole)
                    produced += 3
                    index += 4
                    continue
                }
            }
            let value = alphabet[Int(source[index])]
            index += 1
            if value < 64 {
                guard padding == 0 else { return nil }   // data after the padding
                group = group << 6 | UInt32(value)
            } else if value == padValue {
                guard inGroup >= 2 else { return nil }   // "A===", "===="
                padding += 1
                group <<= 6
            } else if value == spaceValue {
                continue
            } else {
                return nil
            }
            inGroup += 1
            if inGroup == 4 {
                target[produced] = UInt8(truncatingIfNeeded: group >> 16)
                target[produced + 1] = UInt8(truncatingIfNeeded: group >> 8)
                target[produced + 2] = UInt8(truncatingIfNeeded: group)
                produced += 3 - padding
                inGroup = 0
                group = 0
            }
        }
        return inGroup == 0 ? produced : nil
    }

    private static let padValue: UInt8 = 0xFE
    private static let spaceValue: UInt8 = 0xFD
    /// Each byte's 6-bit value; padValue for `=`, spaceValue for whitespace, 0xFF for the rest.
    private static let alphabet: [UInt8] = {
        var table = [UInt8](repeating: 0xFF, count: 256)
        for (index, byte) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
            table[Int(byte)] = UInt8(index)
        }
        table[Int(UInt8(ascii: "="))] = padValue
        for byte: UInt8 in [0x20, 0x09, 0x0A, 0x0D, 0x0C] { table[Int(byte)] = spaceValue }
        return table
    }()

    @inline(__always)
    static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}

/// One AdditionalDocumentReference being read; decoded when it closes,
/// because its cbc:ID and the binary object are siblings.
struct PendingReference {
    var id: String?
    var base64: String?
    var mimeType: String?
    var filename: String?

    mutating func take(_ path: ArraySlice<String>, value: String, rawText: String, attributes: [String: String]) {
        switch Array(path) {
        case ["cbc:ID"]:
            id = id ?? value
        case ["cac:Attachment", "cbc:EmbeddedDocumentBinaryObject"]:
            base64 = rawText
            mimeType = attributes["mimeCode"].flatMap(nonEmpty)
            filename = attributes["filename"].flatMap(nonEmpty)
        default:
            break
        }
    }
}
