/// JSON written by hand for lines printed by the thousand (`classify --json`), byte for byte
/// what JSONEncoder writes with `.sortedKeys` and `.withoutEscapingSlashes`: JSONEncoder's
/// boxing took as long as reading and classifying the mail.
struct JSONText {
    private(set) var bytes: [UInt8] = []

    /// Keys must be written in sorted order, as JSONEncoder's `.sortedKeys` would.
    mutating func key(_ name: String) {
        if let last = bytes.last, last != UInt8(ascii: "{") { bytes.append(UInt8(ascii: ",")) }
        string(name)
        bytes.append(UInt8(ascii: ":"))
    }

    mutating func raw(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func string(_ value: String?) {
        guard let value else { return raw("null") }
        bytes.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0x08: raw("\\b")
            case 0x0C: raw("\\f")
            case ..<0x20: raw("\\u00"); bytes.append(Hex.lower[Int(byte >> 4)]); bytes.append(Hex.lower[Int(byte & 15)])
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    mutating func object(_ body: (inout JSONText) -> Void) {
        bytes.append(UInt8(ascii: "{"))
        body(&self)
        bytes.append(UInt8(ascii: "}"))
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}
