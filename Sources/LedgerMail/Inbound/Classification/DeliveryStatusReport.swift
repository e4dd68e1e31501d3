import Foundation

/// RFC 3464 delivery status notifications (`multipart/report; report-type=delivery-status`):
/// one block of per-message fields, then one block per recipient.
enum DeliveryStatusReport {
    /// The recipients of the report's `message/delivery-status` part, or nil when the mail has none.
    static func recipients(in message: MailMessage) -> [ReportedRecipient]? {
        guard let part = message.allParts.first(where: {
            $0.mediaType == "message/delivery-status" || $0.mediaType == "message/global-delivery-status"
        }) else { return nil }
        let blocks = fieldBlocks(part.decodedText)
        var recipients: [ReportedRecipient] = []
        for block in blocks.dropFirst() {
            guard let recipient = field("Final-Recipient", in: block) ?? field("Original-Recipient", in: block) else { continue }
            let address = stripAddressType(recipient)
            let action = field("Action", in: block)?.lowercased()
            let status = field("Status", in: block).flatMap(enhancedStatus)
            let diagnostic = field("Diagnostic-Code", in: block).map(stripAddressType)
            let permanent = action == "failed" || status?.hasPrefix("5") == true
            recipients.append(ReportedRecipient(
                address: address, status: status, action: action,
                reason: BounceReason.reason(status: status, diagnostic: diagnostic, action: action),
                permanent: permanent && action != "delayed", diagnostic: diagnostic))
        }
        return recipients
    }

    /// `rfc822; user@example.com` → `user@example.com`; `smtp; 550 …` → `550 …`.
    static func stripAddressType(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";") else { return value.trimmingCharacters(in: .whitespaces) }
        return value[value.index(after: semicolon)...].trimmingCharacters(in: .whitespaces)
            .trimmingCharacters(in: CharacterSet(charactersIn: "<>"))
    }

    /// The `d.d.d` code at the start of a Status field.
    static func enhancedStatus(_ value: String) -> String? {
        let candidate = value.split(whereSeparator: { $0 == " " || $0 == "(" }).first.map(String.init) ?? value
        let parts = candidate.split(separator: ".")
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isNumber) }) else { return nil }
        return candidate
    }

    /// Header-like field blocks separated by blank lines, with folded lines joined.
    static func fieldBlocks(_ text: String) -> [[(String, String)]] {
        var blocks: [[(String, String)]] = []
        var current: [(String, String)] = []
        // "\r\n" is one Character in Swift: normalise before splitting on "\n".
        let normalized = text.replacingOccurrences(of: "\r\n", with: "\n")
        for rawLine in normalized.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = String(rawLine)
            if line.trimmingCharacters(in: .whitespaces).isEmpty {
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

/// Maps a status code (and the server's words) to a reason in sisimai's vocabulary.
enum BounceReason {
    static func reason(status: String?, diagnostic: String?, action: String?) -> String {
        if action == "delivered" || action == "relayed" || action == "expanded" { return "delivered" }
        switch status.map({ String($0.dropFirst(2)) }) ?? "" {
        case "1.1", "1.0": return "userunknown"
        case "1.2": return "hostunknown"
        case "2.2": return "mailboxfull"
        case "2.0" where diagnostic?.lowercased().contains("full") == true: return "mailboxfull"
        case "3.4", "2.3": return "mesgtoobig"
        case "4.7": return "expired"
        case "7.1": return "rejected"
        case "1.3": return "syntaxerror"
        case "4.1", "4.4": return "networkerror"
        default: return status == nil ? "undefined" : "onhold"
        }
    }
}
