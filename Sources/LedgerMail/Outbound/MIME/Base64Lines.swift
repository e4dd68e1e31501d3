/// Base64 (RFC 2045) in lines of 76 characters, each ended by CRLF, written in one pass straight
/// into the caller's buffer: the composer's hot loop, so no intermediate array and no second
/// pass to insert line breaks.
enum Base64Lines {
    /// 57 input bytes make one full line of 76 characters.
    static let bytesPerLine = 57

    /// The exact number of bytes `encode` writes for `count` input bytes.
    static func encodedCount(_ count: Int) -> Int {
        guard count > 0 else { return 0 }
        let characters = (count + 2) / 3 * 4
        return characters + (characters + 75) / 76 * 2
    }

    /// Two characters per 12 bits: one lookup per half of a 3-byte group.
    private static let pairs: [UInt16] = {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
        return (0..<4096).map { UInt16(alphabet[$0 >> 6]) | UInt16(alphabet[$0 & 63]) << 8 }
    }()

    /// Encodes `input` into `output`, which must hold `encodedCount(input.count)` bytes; returns
    /// the number written.
    @discardableResult
    static func encode(_ input: UnsafeRawBufferPointer, into output: UnsafeMutablePointer<UInt8>) -> Int {
        pairs.withUnsafeBufferPointer { table in
            let table = table.baseAddress!
            var read = 0, written = 0
            let count = input.count
            guard count > 0, let source = input.baseAddress else { return 0 }
            while count - read >= bytesPerLine {
                // Nine 6-byte steps (each one 8-byte load, four lookups, one 8-byte store), then one
                // 3-byte group: the 8-byte loads never read past the line's 57 bytes.
                for step in 0..<9 {
                    let word = UInt64(bigEndian: source.loadUnaligned(fromByteOffset: read + step * 6, as: UInt64.self))
                    let first = Int(truncatingIfNeeded: word >> 40), second = Int(truncatingIfNeeded: word >> 16) & 0xFFFFFF
                    let chars = UInt64(table[first >> 12]) | UInt64(table[first & 0xFFF]) << 16
                        | UInt64(table[second >> 12]) << 32 | UInt64(table[second & 0xFFF]) << 48
                    UnsafeMutableRawPointer(output + written + step * 8).storeBytes(of: chars.littleEndian, as: UInt64.self)
                }
                let group = triple(source, read + 54)
                storePair(table[group >> 12], output + written + 72)
                storePair(table[group & 0xFFF], output + written + 74)
                output[written + 76] = 13
                output[written + 77] = 10
                read += bytesPerLine
                written += 78
            }
            guard read < count else { return written }
            while count - read >= 3 {
                let group = triple(source, read)
                storePair(table[group >> 12], output + written)
                storePair(table[group & 0xFFF], output + written + 2)
                read += 3
                written += 4
            }
            if read < count {
                let rest = count - read
                let group = Int(source.load(fromByteOffset: read, as: UInt8.self)) << 16
                    | (rest == 2 ? Int(source.load(fromByteOffset: read + 1, as: UInt8.self)) << 8 : 0)
                storePair(table[group >> 12], output + written)
                storePair(table[group & 0xFFF], output + written + 2)
                output[written + 3] = 61
                if rest == 1 { output[written + 2] = 61 }
                written += 4
            }
            output[written] = 13
            output[written + 1] = 10
            return written + 2
        }
    }

    @inline(__always)
    private static func triple(_ source: UnsafeRawPointer, _ offset: Int) -> Int {
        Int(source.load(fromByteOffset: offset, as: UInt8.self)) << 16
            | Int(source.load(fromByteOffset: offset + 1, as: UInt8.self)) << 8
            | Int(source.load(fromByteOffset: offset + 2, as: UInt8.self))
    }

    @inline(__always)
    private static func storePair(_ pair: UInt16, _ at: UnsafeMutablePointer<UInt8>) {
        at[0] = UInt8(truncatingIfNeeded: pair)
        at[1] = UInt8(truncatingIfNeeded: pair >> 8)
    }
}
