/// HTML reduced to its text, for bounces that have no plain-text part.
enum HTMLText {
    /// Tags dropped, line breaks kept at block elements, the common entities decoded. On bytes:
    /// tags and entities are ASCII, and UTF-8 text between them passes through unchanged.
    static func stripTags(_ html: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(html.utf8.count)
        var inTag = false
        var tag: [UInt8] = []
        for byte in html.utf8 {
            if inTag {
                if byte == UInt8(ascii: ">") {
                    inTag = false
                    let name = tag.map(ASCIIBytes.lowercased)
                    if ["br", "/p", "/div", "/tr", "p", "li"].contains(where: { name.starts(with: $0.utf8) }) {
                        out.append(10)
                    }
                    tag.removeAll(keepingCapacity: true)
                } else if tag.count < 10 { tag.append(byte) }
            } else if byte == UInt8(ascii: "<") {
                inTag = true
            } else {
                out.append(byte)
            }
        }
        return String(decoding: decodeEntities(out), as: UTF8.self)
    }

    /// `&lt;`, `&gt;`, `&nbsp;` then `&amp;`, in that order, as one pass each did before.
    private static func decodeEntities(_ bytes: [UInt8]) -> [UInt8] {
        var text = bytes
        for (entity, replacement) in [("&lt;", "<"), ("&gt;", ">"), ("&nbsp;", " "), ("&amp;", "&")] {
            let needle = Array(entity.utf8)
            guard ASCIIBytes.contains(needle, in: text[...]) else { continue }
            var out: [UInt8] = []
            out.reserveCapacity(text.count)
            var index = 0
            while index < text.count {
                if text[index] == 38, index + needle.count <= text.count, text[index..<(index + needle.count)].elementsEqual(needle) {
                    out.append(contentsOf: replacement.utf8)
                    index += needle.count
                } else {
                    out.append(text[index])
                    index += 1
                }
            }
            text = out
        }
        return text
    }
}
