/// Notices that name the failed mailbox by its local part alone, on its own line after "could not
/// be delivered …:" (AOL's screen names, some webmail providers): the mailbox is on the provider's
/// own domain, the one that signed the notice.
///
///     Your mail to the following recipients could not be delivered because
///     they are not accepting mail from acme@gateway.test:
///             jan.peeters
enum LocalPartNotice {
    private static let phrases = PhraseSet(["could not be delivered", "couldn't be delivered", "was not delivered"])
    /// The sentence may run on for a line before its colon; the names follow it, one per line.
    private static let sentenceLines = 3, maxNames = 10

    static func recipients(_ lines: [NotificationText.Line], signer: String?) -> [String] {
        guard let domain = signer.flatMap(domain(of:)),
              let start = lines.firstIndex(where: { phrases.matches($0.lower) }),
              let colon = lines[start...].prefix(sentenceLines).firstIndex(where: { trimmed($0).hasSuffix(":") })
        else { return [] }
        var found: [String] = []
        for line in lines[(colon + 1)...] {
            let text = trimmed(line)
            if text.isEmpty, found.isEmpty { continue }
            guard isLocalPart(text), found.count < maxNames else { break }
            found.append("\(text)@\(domain)")
        }
        return found
    }

    private static func trimmed(_ line: NotificationText.Line) -> String { ASCIIBytes.trimmingWhitespace(line.text) }

    /// One word of the characters mailbox names use, with a letter in it ("550" is no mailbox).
    static func isLocalPart(_ text: String) -> Bool {
        guard (1...64).contains(text.utf8.count), text.contains(where: \.isLetter),
              !text.hasPrefix("."), !text.hasSuffix(".") else { return false }
        return text.utf8.allSatisfy { byte in
            (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
        }
    }

    /// The domain of the first address in a From header, lowercased.
    private static func domain(of from: String) -> String? {
        guard let address = AddressScanner.addresses(in: from).first, let at = address.lastIndex(of: "@") else { return nil }
        return address[address.index(after: at)...].lowercased()
    }
}
