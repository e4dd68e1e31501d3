/// A message's header section, unfolded. Only a few of a mail's fields are ever read (a bounce
/// carries dozens of Received and DKIM lines), so each field keeps where its name and lines are,
/// and its value is built when it is looked up. ASCII lines are read on bytes; a line that is not
/// ASCII is read by `Character`s, as before, and its field's value is built at once.
struct HeaderFields {
    private enum Name {
        case ascii(Range<Int>)
        case text(String)
    }

    private enum Value {
        /// The value starts at `start` on line `first`, and goes on over `count` lines in all.
        case lines(first: Int, start: Int, count: Int)
        case text(String)
    }

    private let bytes: ArraySlice<UInt8>
    private var lines: [Range<Int>] = []
    private var fields: [(name: Name, value: Value)] = []
    /// Where the body starts: after the first empty line, or at the end.
    private(set) var bodyStart: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        bodyStart = bytes.endIndex
        var index = bytes.startIndex
        var sawLine = false
        while index < bytes.endIndex {
            let end = bytes[index...].firstIndex(of: 10) ?? bytes.endIndex
            var line = index..<end
            if line.count > 0, bytes[end - 1] == 13 { line = index..<(end - 1) }
            index = end + 1
            if line.isEmpty { bodyStart = min(index, bytes.endIndex); break }
            // An mbox "From " separator is not a header: mails saved from a Unix mailbox start with one.
            if !sawLine && bytes[line].starts(with: "From ".utf8) { continue }
            sawLine = true
            lines.append(line)
            if ASCIIBytes.isASCII(bytes[line]) { addASCII(lines.count - 1) } else { add(lines.count - 1) }
        }
    }

    /// No field could be read (junk, or a body without headers).
    var isEmpty: Bool { fields.isEmpty }

    /// How many fields there are.
    var count: Int { fields.count }

    /// The first field of that name (ASCII case ignored).
    func value(_ name: String) -> String? {
        for index in fields.indices where matches(index, name) { return value(at: index) }
        return nil
    }

    /// The topmost field with any of these names: of trace fields, the one the last server wrote.
    func first(of names: [String]) -> String? {
        for index in fields.indices where names.contains(where: { matches(index, $0) }) { return value(at: index) }
        return nil
    }

    func values(_ name: String) -> [String] {
        fields.indices.filter { matches($0, name) }.map(value(at:))
    }

    private func matches(_ index: Int, _ name: String) -> Bool {
        switch fields[index].name {
        case .ascii(let range):
            guard range.count == name.utf8.count else { return false }
            var offset = range.lowerBound
            for byte in name.utf8 {
                guard ASCIIBytes.lowercased(bytes[offset]) == ASCIIBytes.lowercased(byte) else { return false }
                offset += 1
            }
            return true
        case .text(let stored):
            return stored.caseInsensitiveCompare(name) == .orderedSame
        }
    }

    private func value(at index: Int) -> String {
        switch fields[index].value {
        case .text(let text):
            return text
        case .lines(let first, let start, let count):
            var out = Array(trimmed(start..<lines[first].upperBound))
            for line in lines[(first + 1)..<(first + count)] {
                out.append(32)
                out += trimmed(line)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Spaces and tabs trimmed: all of `CharacterSet.whitespaces` that ASCII has.
    private func trimmed(_ range: Range<Int>) -> ArraySlice<UInt8> {
        ASCIIBytes.trimmingASCIIWhitespace(bytes[range])
    }

    /// A line of ASCII: a folded continuation of the field before it, or a field of its own.
    private mutating func addASCII(_ number: Int) {
        let line = lines[number]
        if let first = bytes[line].first, first == 32 || first == 9, !fields.isEmpty {
            let last = fields.count - 1
            if case .lines(let firstLine, let start, let count) = fields[last].value, firstLine + count == number {
                fields[last].value = .lines(first: firstLine, start: start, count: count + 1)
            } else {
                // Lines without a colon came in between, or the field was not ASCII: build it now.
                fields[last].value = .text(value(at: last) + " " + String(decoding: trimmed(line), as: UTF8.self))
            }
        } else if let colon = bytes[line].firstIndex(of: 58) {
            let name = trimmed(line.lowerBound..<colon)
            fields.append((.ascii(name.startIndex..<name.endIndex), .lines(first: number, start: colon + 1, count: 1)))
        }
    }

    /// Any other line, read by `Character`s as a mail reader would.
    private mutating func add(_ number: Int) {
        let line = String(decoding: bytes[lines[number]], as: UTF8.self)
        if let first = line.first, first == " " || first == "\t", !fields.isEmpty {
            let last = fields.count - 1
            fields[last].value = .text(value(at: last) + " " + ASCIIBytes.trimmingWhitespace(line))
        } else if let colon = line.firstIndex(of: ":") {
            let name = line[..<colon]
            let value = ASCIIBytes.trimmingWhitespace(line[line.index(after: colon)...])
            if ASCIIBytes.isASCII(name.utf8) {
                // Only the value is not ASCII: the name is still compared on bytes.
                let start = lines[number].lowerBound
                let trimmedName = trimmed(start..<(start + name.utf8.count))
                fields.append((.ascii(trimmedName.startIndex..<trimmedName.endIndex), .text(value)))
            } else {
                fields.append((.text(ASCIIBytes.trimmingWhitespace(name)), .text(value)))
            }
        }
    }
}
