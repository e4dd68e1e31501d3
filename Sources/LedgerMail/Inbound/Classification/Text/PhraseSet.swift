/// A fixed list of lowercase phrases searched for in lowercased UTF-8 text in one pass: the
/// classifier's keyword lists (bounce subjects, reasons, notice wording) are checked against every
/// line of a notice, and testing them one `contains` at a time was most of its cost.
struct PhraseSet: Sendable {
    private let phrases: [[UInt8]]
    /// For each first byte, the phrases (by index) that start with it.
    private let byFirstByte: [[Int]]
    /// One bit per pair of bytes that some phrase starts with: most text positions start no
    /// phrase, and this rules them out with one load instead of a walk through `byFirstByte`.
    private let startPairs: [UInt64]

    init(_ phrases: [String]) {
        self.phrases = phrases.map { Array($0.utf8) }
        var table = [[Int]](repeating: [], count: 256)
        for (index, phrase) in self.phrases.enumerated() {
            if let first = phrase.first { table[Int(first)].append(index) }
        }
        byFirstByte = table
        var pairs = [UInt64](repeating: 0, count: 65536 / 64)
        for phrase in self.phrases where !phrase.isEmpty {
            // A phrase of one byte starts a match whatever follows it.
            let seconds = phrase.count > 1 ? [phrase[1]] : Array(0...255)
            for second in seconds {
                let pair = Int(phrase[0]) << 8 | Int(second)
                pairs[pair >> 6] |= 1 << UInt64(pair & 63)
            }
        }
        startPairs = pairs
    }

    /// Whether any phrase occurs in `text` (lowercased UTF-8).
    func matches(_ text: some Collection<UInt8>) -> Bool {
        firstMatch(in: text, stopAtAny: true) != nil
    }

    /// Whether `text` (lowercased UTF-8) starts with one of the phrases.
    func matchesPrefix(_ text: some Collection<UInt8>) -> Bool {
        guard let first = text.first else { return phrases.contains { $0.isEmpty } }
        return byFirstByte[Int(first)].contains { text.starts(with: phrases[$0]) }
    }

    /// The lowest index of a phrase that occurs in `text`, for lists ordered by precedence.
    func lowestMatch(in text: some Collection<UInt8>) -> Int? {
        firstMatch(in: text, stopAtAny: false)
    }

    private func firstMatch(in text: some Collection<UInt8>, stopAtAny: Bool) -> Int? {
        text.withContiguousStorageIfAvailable { search($0, stopAtAny: stopAtAny) }
            ?? Array(text).withUnsafeBufferPointer { search($0, stopAtAny: stopAtAny) }
    }

    private func search(_ text: UnsafeBufferPointer<UInt8>, stopAtAny: Bool) -> Int? {
        var best: Int?
        for start in 0..<text.count {
            if start + 1 < text.count {
                let pair = Int(text[start]) << 8 | Int(text[start + 1])
                if startPairs[pair >> 6] & (1 << UInt64(pair & 63)) == 0 { continue }
            }
            for index in byFirstByte[Int(text[start])] where best.map({ index < $0 }) ?? true {
                let phrase = phrases[index]
                guard start + phrase.count <= text.count else { continue }
                var offset = 1
                while offset < phrase.count, text[start + offset] == phrase[offset] { offset += 1 }
                if offset == phrase.count {
                    if stopAtAny || index == 0 { return index }
                    best = index
                }
            }
        }
        return best
    }
}
