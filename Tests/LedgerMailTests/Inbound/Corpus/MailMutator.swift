import Foundation

/// Deterministic random damage to mails, for the fuzz property test: the kinds of breakage real
/// inboxes and hostile senders produce (bit rot, cut-off transfers, mangled MIME boundaries and
/// headers, mixed line ends) applied to corpus mails so the damage lands inside realistic structure.
struct MailMutator {
    typealias Generator = SeededRandom

    var generator: Generator
    init(seed: UInt64) { generator = Generator(state: seed) }

    /// Bytes that steer a MIME parser: line ends, header and parameter syntax, encodings.
    private static let tokens: [[UInt8]] = [
        "\r\n", "\n", "\r", "\r\n\r\n", "--", ":", ";", "=", "\"", "@", "<", ">", "=?", "?=", "=?utf-8?B?", "=?iso-8859-1?Q?",
        "\r\n ", "\t", "\0", "\u{FF}", "é", "Content-Type: multipart/mixed; boundary=\"x\"\r\n",
        "Content-Type: multipart/report; report-type=delivery-status; boundary=",
        "Content-Type: message/delivery-status\r\n\r\n", "Content-Type: message/rfc822\r\n\r\n",
        "Content-Transfer-Encoding: base64\r\n", "Content-Transfer-Encoding: quoted-printable\r\n",
        "Final-Recipient: rfc822; ", "Action: failed\r\n", "Status: 5.1.1\r\n", "From: MAILER-DAEMON\r\n",
        "\r\n--x\r\n", "\r\n--x--\r\n", "{\"notificationType\":\"Bounce\"", "<br>", "&amp;", "5.", "5.1.", "a@b.c",
    ].map { Array($0.utf8) }

    mutating func int(_ range: Range<Int>) -> Int { range.isEmpty ? range.lowerBound : Int.random(in: range, using: &generator) }

    /// One to four stacked mutations of `mail`; `other` is a second mail to splice from.
    mutating func mutate(_ mail: [UInt8], other: [UInt8]) -> [UInt8] {
        var bytes = mail
        for _ in 0..<int(1..<5) { bytes = mutateOnce(bytes, other: other) }
        return bytes
    }

    private mutating func mutateOnce(_ input: [UInt8], other: [UInt8]) -> [UInt8] {
        var bytes = input
        let count = bytes.count
        switch int(0..<12) {
        case 0 where count > 0:   // bit flips
            for _ in 0..<int(1..<9) { bytes[int(0..<count)] ^= UInt8(1) << UInt8(int(0..<8)) }
        case 1:   // truncation
            bytes = Array(bytes.prefix(int(0..<(count + 1))))
        case 2 where count > 0:   // chunk deletion
            let start = int(0..<count)
            bytes.removeSubrange(start..<min(count, start + int(1..<257)))
        case 3 where count > 0:   // chunk duplication, sometimes many times (quadratic-behaviour probe)
            let start = int(0..<count)
            let chunk = bytes[start..<min(count, start + int(1..<513))]
            let times = int(0..<8) == 0 ? int(2..<64) : 1
            bytes.insert(contentsOf: Array(repeating: Array(chunk), count: times).joined(), at: int(0..<(count + 1)))
        case 4:   // token insertion
            bytes.insert(contentsOf: Self.tokens[int(0..<Self.tokens.count)], at: int(0..<(count + 1)))
        case 5:   // CRLF → LF or LF → CRLF over the whole mail
            bytes = int(0..<2) == 0 ? Self.replacing(bytes, [13, 10], with: [10]) : Self.replacing(Self.replacing(bytes, [13, 10], with: [10]), [10], with: [13, 10])
        case 6:   // one line end swapped
            if let index = Self.randomIndex(of: 10, in: bytes, using: &self) {
                if index > 0, bytes[index - 1] == 13 { bytes.remove(at: index - 1) } else { bytes.insert(13, at: index) }
            }
        case 7:   // boundary mangling: the parameter or a delimiter line changed
            bytes = mangleBoundary(bytes)
        case 8:   // header mangling: a line dropped, doubled, folded or its colon removed
            bytes = mangleLine(bytes)
        case 9:   // splice: the head of one mail, the tail of another
            bytes = Array(bytes.prefix(int(0..<(count + 1)))) + Array(other.suffix(int(0..<(other.count + 1))))
        case 10 where count > 0:   // random bytes overwritten
            for _ in 0..<int(1..<17) { bytes[int(0..<count)] = UInt8(int(0..<256)) }
        default:   // the blank line between headers and body removed or doubled
            if let blank = Self.firstRange(of: [10, 10], in: bytes) ?? Self.firstRange(of: [13, 10, 13, 10], in: bytes) {
                if int(0..<2) == 0 { bytes.removeSubrange(blank.lowerBound..<(blank.lowerBound + 1)) } else { bytes.insert(10, at: blank.lowerBound) }
            }
        }
        return bytes
    }

    private mutating func mangleBoundary(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        // A delimiter line ("\n--") at or after a random place, else the first one.
        let from = int(0..<(bytes.count + 1))
        if let found = Self.firstRange(of: [10, 45, 45], in: bytes, from: from) ?? Self.firstRange(of: [10, 45, 45], in: bytes),
           int(0..<2) == 0 {
            let at = found.upperBound
            switch int(0..<4) {
            case 0: bytes.insert(contentsOf: [45, 45], at: min(at + int(0..<80), bytes.count))   // early closing "--"
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + int(1..<8)))                 // boundary cut
            case 2: bytes.insert(contentsOf: Array("zz".utf8), at: at)                           // not the boundary
            default: bytes.removeSubrange((at - 2)..<at)                                         // "--" gone
            }
        } else if let parameter = Self.firstRange(of: Array("boundary=".utf8), in: bytes) {
            let at = parameter.upperBound
            switch int(0..<3) {
            case 0: bytes.insert(contentsOf: [34, 34, 59], at: at)                               // empty: boundary="";
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + int(1..<6)))
            default: bytes.insert(contentsOf: Array(repeating: 45, count: int(1..<100)), at: at) // long dashes
            }
        }
        return bytes
    }

    private mutating func mangleLine(_ input: [UInt8]) -> [UInt8] {
        // One of the first 60 lines: mostly header lines.
        var start = 0
        for _ in 0..<int(0..<60) {
            guard let newline = input[start...].firstIndex(of: 10), newline + 1 < input.count else { break }
            start = newline + 1
        }
        let end = input[start...].firstIndex(of: 10).map { $0 + 1 } ?? input.count
        var bytes = input
        switch int(0..<4) {
        case 0: bytes.removeSubrange(start..<end)
        case 1: bytes.insert(contentsOf: Array(input[start..<end]), at: end)
        case 2: bytes.insert(contentsOf: [32], at: start)   // folded into the previous header
        default: if let colon = input[start..<end].firstIndex(of: 58) { bytes.remove(at: colon) }
        }
        return bytes
    }

    /// A random occurrence of `byte`: the first at or after a random place, else the first of all.
    private static func randomIndex(of byte: UInt8, in bytes: [UInt8], using mutator: inout MailMutator) -> Int? {
        let from = mutator.int(0..<(bytes.count + 1))
        return bytes[from...].firstIndex(of: byte) ?? bytes.firstIndex(of: byte)
    }

    static func firstRange(of needle: [UInt8], in bytes: [UInt8], from: Int = 0) -> Range<Int>? {
        guard !needle.isEmpty, bytes.count >= needle.count, from <= bytes.count - needle.count else { return nil }
        var index = from
        while index <= bytes.count - needle.count {
            if bytes[index] == needle[0], bytes[index..<(index + needle.count)].elementsEqual(needle) { return index..<(index + needle.count) }
            index += 1
        }
        return nil
    }

    static func replacing(_ bytes: [UInt8], _ needle: [UInt8], with replacement: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var index = 0
        while index < bytes.count {
            if bytes[index] == needle[0], index + needle.count <= bytes.count, bytes[index..<(index + needle.count)].elementsEqual(needle) {
                out += replacement
                index += needle.count
            } else {
                out.append(bytes[index])
                index += 1
            }
        }
        return out
    }
}
