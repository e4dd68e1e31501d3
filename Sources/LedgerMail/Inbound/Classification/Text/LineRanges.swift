import Foundation

extension ASCIIBytes {
    /// The lines of a text, as ranges of its UTF-8 bytes, the way Swift splits a `String` on the
    /// `Character`s "\n" and "\r\n", each line without a trailing "\r" (so "a\r\r\n" gives "a").
    /// Found on bytes (with `memchr`): a "\n" byte is always a line end of its own or part of "\r\n",
    /// whatever surrounds it.
    static func lineRanges(_ bytes: [UInt8]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while true {
                let newline = start < buffer.count
                    ? memchr(buffer.baseAddress! + start, 10, buffer.count - start).map { buffer.baseAddress!.distance(to: $0.assumingMemoryBound(to: UInt8.self)) }
                    : nil
                var end = newline ?? buffer.count
                // One "\r" before "\n" is part of the line end; one more is the "\r" that Swift drops.
                var dropped = 0
                while dropped < (newline == nil ? 1 : 2), end > start, buffer[end - 1] == 13 { end -= 1; dropped += 1 }
                ranges.append(start..<end)
                guard let newline else { return }
                start = newline + 1
            }
        }
        return ranges
    }
}
