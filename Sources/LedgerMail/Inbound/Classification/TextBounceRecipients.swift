/// Failed recipients of bounces without a machine-readable report: which addresses of the notice
/// count, and what to fall back on when the notice names none.
extension InboundClassifier {
    /// Failed recipients of a notice written for people; X-Failed-Recipients (Exim, Gmail) names them exactly.
    static func textBounceRecipients(_ message: MailMessage, own: OwnAddresses) -> [ReportedRecipient] {
        let notice = message.notification.notice
        let parser = PlainTextBounce(lines: notice)
        let failedHeader = message.allHeaders("X-Failed-Recipients").flatMap(addresses)
        func scan(ignoringHeaders names: [String]) -> [ReportedRecipient] {
            let ignoring = Set(names.flatMap { message.allHeaders($0) }.flatMap(addresses).map { $0.lowercased() })
            return parser.recipients(ignoring: ignoring, onlyThese: failedHeader.isEmpty ? nil : failedHeader)
                .filter { !own.contains($0.address) }
        }
        // The bounce goes to the sender, so its own addresses are not failed recipients; but when that
        // leaves nothing, the notice was sent to the failed address itself (some relays do, and
        // anonymised samples collapse addresses), so only the signer is left out.
        let strict = scan(ignoringHeaders: ["From", "To", "Cc", "Reply-To", "Sender", "Return-Path", "Errors-To",
                                            "Delivered-To"])
        if !strict.isEmpty { return strict }
        // A mailbox named by its local part alone is the provider's: the notice's addressee (the
        // envelope sender, ours) is then only quoted, never the one that failed.
        let localParts = LocalPartNotice.recipients(notice, signer: message.decodedHeader("From"))
        if !localParts.isEmpty { return parser.recipients(ignoring: [], onlyThese: localParts) }
        let lenient = scan(ignoringHeaders: ["From", "Sender"])
        if !lenient.isEmpty { return lenient }
        return originalRecipients(message, parser: parser).filter { !own.contains($0.address) }
    }

    /// A notice that says delivery failed without naming the address (Verizon MMS, some Yahoo
    /// mails): the failed recipient is then the To of the returned original, when it has few.
    private static func originalRecipients(_ message: MailMessage, parser: PlainTextBounce) -> [ReportedRecipient] {
        let notice = message.notification.notice
        guard BounceSignals.noticeSaysBounce(notice) else { return [] }
        let attached = message.allParts.dropFirst()
            .first { $0.mediaType == "message/rfc822" || $0.mediaType == "text/rfc822-headers" }
            .map { MailMessage($0.decodedBody, depth: 0) }
        func toLine(_ lines: [NotificationText.Line]) -> String? {
            lines.lazy.map { ASCIIBytes.trimmingWhitespace($0.text) }.first { $0.lowercased().hasPrefix("to:") }
                .map { String($0.dropFirst(3)) }
        }
        // A mail to a list names the list in To and the member only in Received "for <…>": no guess then.
        let attachedTo = attached.flatMap { original -> String? in
            guard let to = original.header("To") else { return nil }
            let envelope = !original.allHeaders("Received").contains { $0.contains(" for ") }
            return envelope || original.allHeaders("Received").contains { $0.contains(to) } ? to : nil
        }
        let toValue = toLine(notice) ?? attachedTo ?? (attached == nil ? toLine(message.notification.rest) : nil)
        let addresses = toValue.map(addresses) ?? []
        guard (1...3).contains(addresses.count) else { return [] }
        return parser.recipients(ignoring: [], onlyThese: addresses)
    }
}
