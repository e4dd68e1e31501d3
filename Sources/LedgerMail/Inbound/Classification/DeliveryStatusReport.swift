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
            guard ASCIIBytes.containsIgnoringCase(text.utf8, "\nfinal-recipient:")
                || ASCIIBytes.containsIgnoringCase(text.utf8, "\noriginal-recipient:") else { continue }
            let found = recipients(inFields: text)
            if !found.isEmpty { return found }
        }
        return reportParts.isEmpty ? nil : []
    }

    /// One recipient per field block that names one and says what happened to it.
    static func recipients(inFields text: String) -> [ReportedRecipient] {
        var recipients: [ReportedRecipient] = []
        for block in recipientBlocks(text) {
            let final = field("Final-Recipient", in: block).flatMap(address)
            let original = field("Original-Recipient", in: block).flatMap(address)
            let action = field("Action", in: block)?.lowercased()
            let statusField = field("Status", in: block)
            guard final != nil || original != nil, action != nil || statusField != nil else { continue }
            // The address we sent to is usually the Original-Recipient; Final-Recipient may be an alias
            // the receiving side expanded it to (or an x400 path, or a local mailbox name). Both are
            // kept: the inbox ties the report to whichever one a delivery was sent to.
            guard let recipient = original ?? final else { continue }
            let diagnostic = field("Diagnostic-Code", in: block).map(stripType)
            let status = statusField.flatMap(EnhancedStatusCode.first) ?? diagnostic.flatMap(EnhancedStatusCode.first)
            let delayed = action == "delayed" || (action != "failed" && EnhancedStatusCode.isTemporary(status))
            recipients.append(ReportedRecipient(
                address: recipient, status: status, action: action,
                reason: BounceReason.reason(status: status, diagnostic: diagnostic, action: action),
                permanent: !delayed, diagnostic: diagnostic.map(ASCIIBytes.singleLine),
                finalRecipient: final))
        }
        return recipients
    }

    /// `rfc822; <user@example.com>` → `user@example.com`; nil when the value holds no mail address.
    static func address(_ value: String) -> String? {
        let type = value.firstIndex(of: ";").map { ASCIIBytes.trimmingWhitespace(value[..<$0]).lowercased() }
        guard type == nil || type == "rfc822" || type == "utf-8" else { return nil }
        return AddressScanner.addresses(in: stripType(value)).first
    }

    /// `smtp; 550 …` → `550 …`.
    static func stripType(_ value: String) -> String {
        guard let semicolon = value.firstIndex(of: ";"), value[..<semicolon].count < 20,
              !value[..<semicolon].contains(" ") else { return ASCIIBytes.trimmingWhitespace(value) }
        return ASCIIBytes.trimmingWhitespace(value[value.index(after: semicolon)...])
    }

    /// Header-like field blocks separated by blank lines, with folded lines joined; only those that
    /// mention a recipient, since no other block can name one (text parts that carry report fields
    /// are mostly prose and the returned mail, not worth reading field by field).
    static func recipientBlocks(_ text: String) -> [[(String, String)]] {
        let bytes = Array(text.utf8)
        var blocks: [[(String, String)]] = []
        var run: [(line: ArraySlice<UInt8>, kind: LineKind)] = []
        var mentionsRecipient = false
        for range in ASCIIBytes.lineRanges(bytes) + [0..<0] {   // a blank line at the end closes the last block
            let line = bytes[range]
            let kind = ASCIIBytes.isASCII(line) ? lineKind(ascii: line) : lineKind(Substring(decoding: line, as: UTF8.self))
            if kind != .blank {
                run.append((line, kind))
                mentionsRecipient = mentionsRecipient || ASCIIBytes.containsIgnoringCase(line, "recipient")
                continue
            }
            if mentionsRecipient { blocks.append(fields(run)) }
            run.removeAll(keepingCapacity: true)
            mentionsRecipient = false
        }
        return blocks.filter { !$0.isEmpty }
    }

    /// The fields of a run of non-blank lines, folded lines joined to the field before.
    private static func fields(_ run: [(line: ArraySlice<UInt8>, kind: LineKind)]) -> [(String, String)] {
        var current: [(String, String)] = []
        for (bytes, kind) in run {
            let line = Substring(decoding: bytes, as: UTF8.self)
            switch kind {
            case .blank:
                continue
            case .continuation where !current.isEmpty:
                current[current.count - 1].1.append(" ")
                current[current.count - 1].1.append(ASCIIBytes.trimmingWhitespace(line))
            case .continuation, .field:
                guard let colon = line.firstIndex(of: ":") else { continue }
                current.append((ASCIIBytes.trimmingWhitespace(line[..<colon]),
                                ASCIIBytes.trimmingWhitespace(line[line.index(after: colon)...])))
            }
        }
        return current
    }

    private enum LineKind { case blank, continuation, field }

    /// Whitespace only; or starting with a space or tab (a folded field); or anything else.
    private static func lineKind(_ line: Substring) -> LineKind {
        if line.allSatisfy(\.isWhitespace) { return .blank }
        if let first = line.first, first == " " || first == "\t" { return .continuation }
        return .field
    }

    /// The same for ASCII, on bytes (where `Character.isWhitespace` is tab to carriage return and space).
    private static func lineKind(ascii line: ArraySlice<UInt8>) -> LineKind {
        if line.allSatisfy({ $0 == 32 || (9...13).contains($0) }) { return .blank }
        if let first = line.first, first == 32 || first == 9 { return .continuation }
        return .field
    }

    static func field(_ name: String, in block: [(String, String)]) -> String? {
        block.first { ASCIIBytes.namesMatch($0.0, name) }?.1
    }
}
