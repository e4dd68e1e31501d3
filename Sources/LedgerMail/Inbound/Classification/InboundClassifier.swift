import Foundation

/// Tells what an inbound mail is and what it says about our deliveries. No side effects.
public enum InboundClassifier {
    public static func classify(_ data: Data) -> InboundClassification {
        let message = MailMessage(data)
        var result = InboundClassification(
            kind: .other, recipients: [], originalMessageID: nil,
            inReplyTo: message.header("In-Reply-To").flatMap(firstMessageID),
            references: (message.header("References") ?? "").split(separator: " ").compactMap { firstMessageID(String($0)) },
            deliveredTo: ["Delivered-To", "X-Original-To", "To", "Envelope-To"].flatMap { message.allHeaders($0) }
                .flatMap(addresses),
            from: message.header("From").map(\.singleLine),
            subject: message.header("Subject").map(\.singleLine))

        if let reported = DeliveryStatusReport.recipients(in: message) {
            result.originalMessageID = originalMessageID(in: message)
            let failed = reported.filter { $0.action != "delivered" && $0.action != "relayed" && $0.action != "expanded" }
            if failed.isEmpty {
                result.kind = .delivered
            } else {
                result.recipients = failed
                result.kind = failed.contains(where: \.permanent) ? .bounce : .delay
            }
            return result
        }
        if message.mediaType == "multipart/report", message.contentTypeParameter("report-type")?.lowercased() == "feedback-report" {
            result.kind = .feedback
            return result
        }
        if isAutoReply(message) {
            result.kind = .autoReply
        } else if result.inReplyTo != nil || !result.references.isEmpty {
            result.kind = .reply
        }
        return result
    }

    /// RFC 3834's Auto-Submitted, and the markers of servers that do not send it.
    static func isAutoReply(_ message: MailMessage) -> Bool {
        if let auto = message.header("Auto-Submitted")?.lowercased(), auto.hasPrefix("auto-replied") { return true }
        if message.header("X-Autoreply") != nil || message.header("X-Autorespond") != nil { return true }
        if let precedence = message.header("Precedence")?.lowercased(), precedence == "auto_reply" { return true }
        return false
    }

    /// The Message-ID of the returned original (message/rfc822 or text/rfc822-headers part).
    static func originalMessageID(in message: MailMessage) -> String? {
        for part in message.allParts where part.mediaType == "message/rfc822" || part.mediaType == "text/rfc822-headers" {
            if let id = MailMessage(part.decodedBody).header("Message-ID").flatMap(firstMessageID) { return id }
        }
        return nil
    }

    static func firstMessageID(_ value: String) -> String? {
        guard let open = value.firstIndex(of: "<"), let close = value[open...].firstIndex(of: ">") else { return nil }
        return String(value[open...close])
    }

    static func addresses(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "<" || $0 == ">" || $0 == ";" })
            .map(String.init).filter { $0.contains("@") }
    }
}
