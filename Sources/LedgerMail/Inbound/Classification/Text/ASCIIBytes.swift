import Foundation

/// Byte-level helpers for the hot paths. Mail text is almost all ASCII, and working on its UTF-8
/// bytes skips grapheme breaking and Foundation's bridging, which were most of the classifier's
/// time. Each helper returns what the `String` API it replaces returns; where the two could differ
/// (text that is not ASCII), it takes the slow road. See also `Text/TextFastPaths.swift`.
enum ASCIIBytes {
    static func lowercased(_ byte: UInt8) -> UInt8 { byte &- 65 < 26 ? byte | 0x20 : byte }

    static func isASCII(_ bytes: some Sequence<UInt8>) -> Bool { bytes.allSatisfy { $0 < 0x80 } }

    /// Whether `stored` equals `name` ignoring ASCII case (header and field names).
    static func equalsIgnoringCase(_ stored: String, _ name: String) -> Bool {
        guard stored.utf8.count == name.utf8.count else { return false }
        var other = name.utf8.makeIterator()
        for byte in stored.utf8 where lowercased(byte) != lowercased(other.next()!) { return false }
        return true
    }

    /// Header and field names: ASCII by bytes, anything else as Foundation compares it.
    static func namesMatch(_ stored: String, _ name: String) -> Bool {
        if isASCII(stored.utf8) { return equalsIgnoringCase(stored, name) }
        return stored.caseInsensitiveCompare(name) == .orderedSame
    }

    /// Whether `bytes` contains `needle`. C's `memchr` finds each candidate first byte and `memcmp`
    /// checks the rest: many times faster on whole bodies than a loop in Swift.
    static func contains(_ needle: [UInt8], in bytes: ArraySlice<UInt8>) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        return bytes.withUnsafeBufferPointer { haystack in
            needle.withUnsafeBufferPointer { pattern in
                let base = haystack.baseAddress!
                let last = haystack.count - pattern.count   // the last index a match can start at
                var start = 0
                while start <= last, let found = memchr(base + start, Int32(first), last - start + 1) {
                    let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                    if memcmp(base + index, pattern.baseAddress!, pattern.count) == 0 { return true }
                    start = index + 1
                }
                return false
            }
        }
    }

    /// Whether `text` contains `needle` (lowercase ASCII) ignoring ASCII case.
    static func containsIgnoringCase(_ text: some Collection<UInt8>, _ needle: String) -> Bool {
        text.withContiguousStorageIfAvailable { containsIgnoringCase($0, Array(needle.utf8)) }
            ?? containsIgnoringCase(Array(text), needle)
    }

    private static func containsIgnoringCase(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard let first = needle.first, bytes.count >= needle.count else { return false }
        var index = 0
        while index <= bytes.count - needle.count {
            if lowercased(bytes[index]) == first {
                var offset = 1
                while offset < needle.count, lowercased(bytes[index + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return true }
            }
            index += 1
        }
        return false
    }

    /// ASCII bytes without leading and trailing spaces and tabs.
    static func trimmingASCIIWhitespace(_ bytes: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let start = bytes.firstIndex { $0 != 32 && $0 != 9 } ?? bytes.endIndex
        let end = bytes.lastIndex { $0 != 32 && $0 != 9 }.map { $0 + 1 } ?? start
        return bytes[start..<max(start, end)]
    }
}
