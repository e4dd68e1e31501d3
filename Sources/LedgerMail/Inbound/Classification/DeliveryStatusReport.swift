import Foundation

/// RFC 3464 delivery status notifications (`multipart/report; report-type=delivery-status`):
/// one block of per-message fields, then one block per recipient.
enum DeliveryStatusReport {
    /// Actions that mean the mail arrived (`deliverable` is what some servers answer to NOTIFY=SUCCESS).
    static let successActions: Set<String> = ["delivered", "relayed", "expanded", "deliverable"]

    /// The recipients of the report, or nil when the mail has none. The fields are read from a
    /// `message/delivery-status` part, else from a text part that carries them in its body
    /// (servers that forgot the media type).
    static func recipients(in message: MailMessage) -> [ReportedRecipient]? {
        let parts = message.allParts
        let reportParts = parts.filter {
            $0.mediaType == "message/delivery-status" || $0.mediaType == "message/global-delivery-status"
        }
        for part in reportParts {
            let found = recipients(inFields: part.decodedText)
            if !found.isEmpty { return found }
        }
        for part in message.leafParts where part.isPlainText {
            let text = part.decodedText
            guard text.range(of: "\nFinal-Recipient:", options: .caseInsensitive) != nil
                || text.range(of: "\nOriginal-Recipient:", options: .caseInsensitive) != nil else { continue }
            let found = recipients(inFields: text)
            if !found.isEmpty { return found }
        }
        return reportParts.isEmpty ? nil : []
    }

    /// One recipient per field block that names one and says what happened to it.
    static func recipients(inFields text: String) -> [ReportedRecipient] {
        var recipients: [ReportedRecipient] = []
        for block in fieldBlocks(text) {
            let final = field("Final-Recipient", in: block).flatMap(address)
            let original = field("Original-Recipient", in: block).flatMap(address)
            let action = field("Action", in: block)?.lowercased()
            let statusField = field("Status", in: block)
            guard final != nil || original != nil, action != nil || statusField != nil else { continue }
            // The address we sent to is the Original-Recipient; Final-Recipient may be an alias the
            // receiving side expanded it to (or an x400 path, or a local mailbox name).
            guard let recipient = original ?? final else { continue }
            let diagnostic = field("Diagnostic-Code", in: block).map(stripType)
            let status = statusField.flatMap(EnhancedStatusCode.first) ?? diagnostic.flatMap(EnhancedStatusCode.first)
            let delayed = action == "delayed" || (action != "failed" && EnhancedStatusCode.isTemporary(status))
            recipients.append(ReportedRecipient(
                address: recipient, status: status, action: action,
                reason: BounceReason.reason(status: status, diagnostic: diagnostic, action: action),
                permanent: !delayed, diagnostic: diagnostic?.singleLine))
        }
        return recipients
    }

    /// `rfc822; <user@example.com>` → `user@example.com`; nil when the value holds no mail address.
    static func address(_ value: String) -> String? {
        let type = value.firstIndex(of: ";").map { value[..<$0].trimmingCharacters(in: .whitespaces).lowercased() }
        guard type == nil || type == "rfc822" || type == "utf-8" else { return nil }
        return AddressScanner.addresses(in: stripType(value)).first
    }

    /// `smtp; 550 …` → `550 …`.
    static func stripType(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";"), value[..<semicolon].count < 20,
              !value[..<semicolon].contains(" ") else { return value.trimmingCharacters(in: .whitespaces) }
        return value[value.index(after: semicolon)...].trimmingCharacters(in: .whitespaces)
    }

    /// Header-like field blocks separated by blank lines, with folded lines joined.
    static func fieldBlocks(_ text: String) -> [[(String, String)]] {
        var blocks: [[(String, String)]] = []
        var current: [(String, String)] = []
        // "\r\n" is one Character in Swift: split on either line end.
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            if line.allSatisfy(\.isWhitespace) {
                if !current.isEmpty { blocks.append(current); current = [] }
            } else if let first = line.first, first == " " || first == "\t", !current.isEmpty {
                current[current.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                current.append((String(line[..<colon]).trimmingCharacters(in: .whitespaces),
                                String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)))
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    static func field(_ name: String, in block: [(String, String)]) -> String? {
        block.first { $0.0.caseInsensitiveCompare(name) == .orderedSame }?.1
    }
}
