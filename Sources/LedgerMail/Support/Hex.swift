/// Hexadecimal digits of bytes, without `String(format:)` (which costs a formatter per byte on
/// paths that run per mail: digests, VERP tokens, quoted-printable).
enum Hex {
    static let lower = Array("0123456789abcdef".utf8)
    static let upper = Array("0123456789ABCDEF".utf8)

    static func lowercase(_ bytes: some Sequence<UInt8>) -> String {
        var out: [UInt8] = []
        for byte in bytes { out.append(lower[Int(byte >> 4)]); out.append(lower[Int(byte & 15)]) }
        return String(decoding: out, as: UTF8.self)
    }
}
