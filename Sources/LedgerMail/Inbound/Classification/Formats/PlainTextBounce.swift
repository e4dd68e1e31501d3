/// Bounces written for people only, without an RFC 3464 report: qmail, Exim, Postfix without DSN,
/// old Sendmail, Gmail, Yahoo, Exchange, Notes and most of the rest. They differ in wording but
/// share a shape: a notice that names each failed address once, followed by the server's answer,
/// then a copy of the original (cut off by `NotificationText`). So the failed recipients are the
/// addresses in the notice that are not the bounce's own (sender, postmaster) and not on lines
/// that speak of the sender.
///
/// The notice is read once (`init`); `recipients` then only filters, since the caller asks again
/// with fewer addresses left out when the first answer is empty.
struct PlainTextBounce {
    typealias Line = NotificationText.Line

    private let lines: [Line]
    /// Addresses that may have failed, in order, each with its line: not on a line about the
    /// sender or a help desk, not a help desk's, not a mailer daemon's.
    private let candidates: [(address: String, key: String, line: Int)]
    private let temporaryNotice: Bool
    /// A line of the notice that gives the cause for all ("reject reason: Mailbox full"), for
    /// recipients whose own lines name none.
    private let noticeReason: String?

    init(lines: [Line]) {
        self.lines = lines
        // Help desks named in the notice ("please contact <postmaster@…>") may be named again elsewhere.
        let contacts = Set(lines.filter(Self.namesContact).flatMap { AddressScanner.addresses(in: $0.bytes) }.map { $0.lowercased() })
        var candidates: [(address: String, key: String, line: Int)] = []
        for (number, line) in lines.enumerated() where line.bytes.contains(UInt8(ascii: "@")) {
            guard !Self.speaksOfSender(line), !Self.namesContact(line) else { continue }
            for found in AddressScanner.addresses(in: line.bytes) {
                let address = Self.withoutTypePrefix(found)
                let key = address.lowercased()
                guard !contacts.contains(key), !Self.isDaemon(key) else { continue }
                candidates.append((address, key, number))
            }
        }
        self.candidates = candidates
        noticeReason = lines.first { Self.reasonMarkers.matches($0.lower) }
            .flatMap { BounceReason.reason(text: ASCIIBytes.lowercasedString($0.text)) }
        temporaryNotice = lines.contains { Self.temporaryPhrases.matches($0.lower) }
            && !lines.contains { Self.permanentPhrases.matches($0.lower) }
    }

    /// The addresses in the notice and, for each, the lines that follow it up to the next one.
    func recipients(ignoring: Set<String>, onlyThese: [String]? = nil) -> [ReportedRecipient] {
        var firstLine: [(address: String, line: Int)] = []
        var seen: Set<String> = []
        let wanted = onlyThese.map { Set($0.map { $0.lowercased() }) }
        for candidate in candidates {
            if let wanted, !wanted.contains(candidate.key) { continue }
            guard !seen.contains(candidate.key), !ignoring.contains(candidate.key) else { continue }
            seen.insert(candidate.key)
            firstLine.append((candidate.address, candidate.line))
        }
        if let onlyThese {
            // Named by a header but not in the text: still failed, only without details.
            for address in onlyThese where !seen.contains(address.lowercased()) {
                seen.insert(address.lowercased())
                firstLine.append((address, lines.count))
            }
        }
        return firstLine.enumerated().map { index, entry in
            let next = index + 1 < firstLine.count ? firstLine[index + 1].line : lines.count
            let end = min(max(next, entry.line + 1), entry.line + 12, lines.count)
            let context = entry.line < end ? lines[entry.line..<end].map { ASCIIBytes.trimmingWhitespace($0.text) }
                .filter { !$0.isEmpty }.joined(separator: " ") : ""
            let diagnostic = context.isEmpty ? nil : ASCIIBytes.prefix(ASCIIBytes.singleLine(context), 500)
            let status = diagnostic.flatMap(EnhancedStatusCode.first)
            let temporary = EnhancedStatusCode.isTemporary(status) || (status == nil && temporaryNotice)
            let action = temporary ? "delayed" : "failed"
            let reason = BounceReason.reason(status: status, diagnostic: diagnostic, action: action)
            return ReportedRecipient(
                address: entry.address, status: status, action: action,
                reason: reason == "undefined" ? noticeReason ?? reason : reason,
                permanent: !temporary, diagnostic: diagnostic)
        }
    }

    /// Lines about the sender or the message, whose addresses are not failed recipients.
    private static let senderMarkers = PhraseSet(["mail from", "from:", "sender", "message-id", "return-path", "reply-to",
                                                  "envelope-from", "smtp.mailfrom", "errors-to", "in-reply-to", "references:"])
    /// "To: list@…" repeats the original's To header (often a mailing list).
    private static let copiedRecipientHeaders = PhraseSet(["to:", "cc:"])

    private static func speaksOfSender(_ line: Line) -> Bool {
        if senderMarkers.matches(line.lower) { return true }
        if ASCIIBytes.isASCII(line.lower) {
            return copiedRecipientHeaders.matchesPrefix(ASCIIBytes.trimmingASCIIWhitespace(line.lower))
        }
        return copiedRecipientHeaders.matchesPrefix(ASCIIBytes.trimmingWhitespace(String(decoding: line.lower, as: UTF8.self)).utf8)
    }

    private static let reasonMarkers = PhraseSet(["reason:", "reason for the problem", "grund:", "raison :", "raison:", "reden:"])

    private static let contactMarkers = PhraseSet(["contact", "assistance", "questions", "helpdesk", "help desk"])

    private static func namesContact(_ line: Line) -> Bool { contactMarkers.matches(line.lower) }

    /// Exchange writes `smtp=user@example.com` (and X.400 gateways `rfc822=`): the type is not the address.
    static func withoutTypePrefix(_ address: String) -> String {
        for prefix in ["smtp=", "rfc822=", "smtp:", "mailto:"] where address.lowercased().hasPrefix(prefix) {
            return String(address.dropFirst(prefix.count))
        }
        return address
    }

    /// Mailer daemons sign bounces; they never are the failed recipient.
    static func isDaemon(_ address: String) -> Bool {
        let local = address.split(separator: "@").first.map { $0.lowercased() } ?? ""
        return local == "mailer-daemon" || local == "mailer_daemon" || local == "mailerdaemon"
    }

    /// Delay warnings say the server keeps trying; bounces say it gave up.
    private static let temporaryPhrases = PhraseSet(["will continue trying", "will keep trying", "will be retried", "will retry",
                                                     "still trying", "not yet been delivered", "delivery is delayed",
                                                     "delivery has been delayed", "temporarily deferred", "will try again",
                                                     "temporary problem", "is delayed", "has not been delivered yet",
                                                     "no need to resend", "warning: message"])
    private static let permanentPhrases = PhraseSet(["permanent", "given up", "giving up", "gave up", "not going to try again",
                                                     "could not be delivered", "failed permanently"])
}
