import Foundation

/// Bounces written for people only, without an RFC 3464 report: qmail, Exim, Postfix without DSN,
/// old Sendmail, Gmail, Yahoo, Exchange, Notes and most of the rest. They differ in wording but
/// share a shape: a notice that names each failed address once, followed by the server's answer,
/// then a copy of the original (cut off by `NotificationText`). So the failed recipients are the
/// addresses in the notice that are not the bounce's own (sender, postmaster) and not on lines
/// that speak of the sender.
enum PlainTextBounce {
    /// The addresses in the notice and, for each, the lines that follow it up to the next one.
    static func recipients(lines: [String], ignoring: Set<String>, onlyThese: [String]? = nil) -> [ReportedRecipient] {
        var firstLine: [(address: String, line: Int)] = []
        var seen: Set<String> = []
        let wanted = onlyThese.map { Set($0.map { $0.lowercased() }) }
        // Help desks named in the notice ("please contact <postmaster@…>") may be named again elsewhere.
        let contacts = Set(lines.filter(namesContact).flatMap { AddressScanner.addresses(in: $0) }.map { $0.lowercased() })
        for (number, line) in lines.enumerated() {
            guard !speaksOfSender(line), !namesContact(line) else { continue }
            for found in AddressScanner.addresses(in: line) {
                let address = withoutTypePrefix(found)
                let key = address.lowercased()
                if contacts.contains(key) { continue }
                if let wanted, !wanted.contains(key) { continue }
                guard !seen.contains(key), !ignoring.contains(key), !isDaemon(key) else { continue }
                seen.insert(key)
                firstLine.append((address, number))
            }
        }
        if let onlyThese {
            // Named by a header but not in the text: still failed, only without details.
            for address in onlyThese where !seen.contains(address.lowercased()) {
                seen.insert(address.lowercased())
                firstLine.append((address, lines.count))
            }
        }
        let temporaryNotice = isTemporaryNotice(lines.joined(separator: "\n").lowercased())
        return firstLine.enumerated().map { index, entry in
            let next = index + 1 < firstLine.count ? firstLine[index + 1].line : lines.count
            let end = min(max(next, entry.line + 1), entry.line + 12, lines.count)
            let context = entry.line < end ? lines[entry.line..<end].map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.joined(separator: " ") : ""
            let diagnostic = context.isEmpty ? nil : String(context.singleLine.prefix(500))
            let status = diagnostic.flatMap(EnhancedStatusCode.first)
            let temporary = EnhancedStatusCode.isTemporary(status) || (status == nil && temporaryNotice)
            let action = temporary ? "delayed" : "failed"
            return ReportedRecipient(
                address: entry.address, status: status, action: action,
                reason: BounceReason.reason(status: status, diagnostic: diagnostic, action: action),
                permanent: !temporary, diagnostic: diagnostic)
        }
    }

    /// Lines about the sender or the message, whose addresses are not failed recipients.
    private static let senderMarkers = ["mail from", "from:", "sender", "message-id", "return-path", "reply-to",
                                        "envelope-from", "smtp.mailfrom", "errors-to", "in-reply-to", "references:"]

    static func speaksOfSender(_ line: String) -> Bool {
        let lower = line.lowercased()
        if senderMarkers.contains(where: { lower.contains($0) }) { return true }
        // "To: list@…" repeats the original's To header (often a mailing list).
        let trimmed = lower.trimmingCharacters(in: .whitespaces)
        return trimmed.hasPrefix("to:") || trimmed.hasPrefix("cc:")
    }

    private static let contactMarkers = ["contact", "assistance", "questions", "helpdesk", "help desk"]

    static func namesContact(_ line: String) -> Bool {
        let lower = line.lowercased()
        return contactMarkers.contains { lower.contains($0) }
    }

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
    private static let temporaryPhrases = ["will continue trying", "will keep trying", "will be retried", "will retry",
                                           "still trying", "not yet been delivered", "delivery is delayed",
                                           "delivery has been delayed", "temporarily deferred", "will try again",
                                           "temporary problem", "is delayed", "has not been delivered yet",
                                           "no need to resend", "warning: message"]
    private static let permanentPhrases = ["permanent", "given up", "giving up", "gave up", "not going to try again",
                                           "could not be delivered", "failed permanently"]

    static func isTemporaryNotice(_ lowercasedText: String) -> Bool {
        temporaryPhrases.contains { lowercasedText.contains($0) } && !permanentPhrases.contains { lowercasedText.contains($0) }
    }
}
