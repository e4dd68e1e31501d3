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
        // Senders wrap at 76 columns, indent, or use CRLF: drop every
        // whitespace byte; Foundation's decoder accepts none of it.
        let compact = Self.withoutWhitespace(base64)
        let estimatedBytes = compact.count / 4 * 3
        guard estimatedBytes <= maxAttachmentBytes else {
            return .skipped(warning: "Attachment \(filename) skipped: about \(estimatedBytes) bytes, over the limit of \(maxAttachmentBytes) bytes.")
        }
        guard let data = Data(base64Encoded: compact) else {
            return .skipped(warning: "Attachment \(filename) skipped: its base64 content is truncated or invalid.")
        }
        return .attachment(EmbeddedAttachment(referenceID: referenceID, filename: filename, mimeType: mimeType, data: data))
    }

    /// The text's bytes without whitespace, in one pass over its UTF-8 straight into the result
    /// (megabytes for an embedded PDF: this loop was a quarter of `inspect`'s time).
    static func withoutWhitespace(_ text: String) -> Data {
        var text = text
        return text.withUTF8 { source in
            var out = Data(count: source.count)
            let kept = out.withUnsafeMutableBytes { (target: UnsafeMutableRawBufferPointer) -> Int in
                var kept = 0
                for byte in source where !isWhitespace(byte) {
                    target[kept] = byte
                    kept += 1
                }
                return kept
            }
            out.count = kept
            return out
        }
    }

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
