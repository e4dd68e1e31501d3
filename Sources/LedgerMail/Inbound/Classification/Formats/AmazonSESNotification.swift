import Foundation

/// Amazon SES event notifications delivered by mail (through SNS): a JSON body, possibly inside an
/// SNS envelope whose `Message` is the JSON as a string, and folded at 76 columns by the mailer.
enum AmazonSESNotification {
    enum Event {
        case bounce([ReportedRecipient])
        case complaint
        case delivery
    }

    static func event(in message: MailMessage) -> Event? {
        // Decoding every mail's whole body to look for two ASCII keys is wasted on all but SES mails:
        // in every charset but UTF-16 those keys are their ASCII bytes, so look for those first.
        if Charsets.keepsASCIIBytes(message.contentTypeParameter("charset")) {
            let bytes = message.decodedBody
            guard ASCIIBytes.contains(notificationTypeKey, in: bytes)
                || ASCIIBytes.contains(eventTypeKey, in: bytes) else { return nil }
        }
        let text = message.decodedText
        guard text.contains("\"notificationType\"") || text.contains("\"eventType\""),
              let object = jsonObject(in: text) else { return nil }
        return event(from: object)
    }

    private static let notificationTypeKey = Array("\"notificationType\"".utf8)
    private static let eventTypeKey = Array("\"eventType\"".utf8)

    private static func event(from object: [String: Any]) -> Event? {
        if let inner = object["Message"] as? String, let data = inner.data(using: .utf8),
           let parsed = try? JSONSerialization.jsonObject(with: data) as? [String: Any] {
            return event(from: parsed)
        }
        switch (object["notificationType"] ?? object["eventType"]) as? String {
        case "Bounce":
            guard let bounce = object["bounce"] as? [String: Any] else { return .bounce([]) }
            let permanent = (bounce["bounceType"] as? String) != "Transient"
            let listed = bounce["bouncedRecipients"] as? [[String: Any]] ?? []
            return .bounce(listed.compactMap { entry in
                guard let address = (entry["emailAddress"] as? String).flatMap({ AddressScanner.addresses(in: $0).first })
                else { return nil }
                let diagnostic = (entry["diagnosticCode"] as? String).map(DeliveryStatusReport.stripType)
                let status = (entry["status"] as? String).flatMap(EnhancedStatusCode.first)
                    ?? diagnostic.flatMap(EnhancedStatusCode.first)
                let action = (entry["action"] as? String)?.lowercased() ?? (permanent ? "failed" : "delayed")
                return ReportedRecipient(
                    address: address, status: status, action: action,
                    reason: BounceReason.reason(status: status, diagnostic: diagnostic, action: action),
                    permanent: permanent, diagnostic: diagnostic.map(ASCIIBytes.singleLine))
            })
        case "Complaint": return .complaint
        case "Delivery": return .delivery
        default: return nil
        }
    }

    /// The first JSON object in the body, with the mailer's line folding undone.
    private static func jsonObject(in text: String) -> [String: Any]? {
        guard let open = text.firstIndex(of: "{") else { return nil }
        var joined = ""
        for line in text[open...].split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            let content = line.hasSuffix("\r") ? line.dropLast() : line
            if content.isEmpty { break }
            joined += content.first == " " ? String(content.dropFirst()) : String(content)
        }
        guard let close = joined.lastIndex(of: "}"), let data = String(joined[...close]).data(using: .utf8) else { return nil }
        return (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
    }
}
