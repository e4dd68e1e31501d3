/// Which hosts count as this machine, for the one place that matters: credentials without TLS.
/// Only the literal `localhost` or a parsed address in 127.0.0.0/8 or `::1`. A host name is
/// never loopback, whatever it resolves to today: `127.attacker.example` is someone else's.
enum Loopback {
    static func isLoopback(host: String) -> Bool {
        let host = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        if host.lowercased() == "localhost" { return true }
        if let octets = dottedQuad(host) { return octets[0] == 127 }
        return isIPv6Loopback(host)
    }

    /// Four decimal octets, nothing else (no `127.1`, no hex, no leading zeros that some
    /// resolvers read as octal).
    private static func dottedQuad(_ text: String) -> [Int]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        let octets = parts.compactMap { part -> Int? in
            guard (1...3).contains(part.count), part.allSatisfy(\.isASCII), part.allSatisfy(\.isNumber),
                  part == "0" || !part.hasPrefix("0"), let value = Int(part), value <= 255 else { return nil }
            return value
        }
        return octets.count == 4 ? octets : nil
    }

    /// `::1` in any of its spellings (`0:0:0:0:0:0:0:1`, `::0:1`).
    private static func isIPv6Loopback(_ text: String) -> Bool {
        guard text.contains(":"), text.allSatisfy({ $0.isHexDigit || $0 == ":" }) else { return false }
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            let values = part.split(separator: ":", omittingEmptySubsequences: false).map { $0.count <= 4 ? UInt16($0, radix: 16) : nil }
            return values.contains(nil) ? nil : values.compactMap { $0 }
        }
        guard let head = groups(halves[0]), let tail = halves.count == 2 ? groups(halves[1]) : [] else { return false }
        let all: [UInt16]
        if halves.count == 2 {
            guard head.count + tail.count < 8 else { return false }
            all = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            all = head
        }
        return all.count == 8 && all.dropLast().allSatisfy { $0 == 0 } && all.last == 1
    }
}
