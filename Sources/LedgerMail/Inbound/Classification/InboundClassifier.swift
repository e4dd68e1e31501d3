import Foundation

/// Tells what an inbound mail is and what it says about our deliveries. No side effects.
///
/// The order matters: a structured report (ARF, SES JSON, RFC 3464) says exactly what it is; then a
/// mail that says it is a failure notice is read as text (many bounces carry Auto-Submitted too, so
/// this comes before the auto-reply markers); then autoresponders; then people answering.
public enum InboundClassifier {
    /// `own`: the gateway's addresses, which a report is sent to and which never failed.
    public static func classify(_ data: Data, own: OwnAddresses = .none) -> InboundClassification {
        classify(MailMessage(data), depth: 0, own: own)
    }

    /// Gateways that forward a bounce attach it whole; deeper nesting than this is not followed.
    private static let maxForwardDepth = 2

    private static func classify(_ message: MailMessage, depth: Int, own: OwnAddresses) -> InboundClassification {
        let subject = message.decodedHeader("Subject").map(ASCIIBytes.singleLine)
        var result = InboundClassification(
            kind: .other, recipients: [], originalMessageID: nil,
            inReplyTo: message.header("In-Reply-To").flatMap(firstMessageID),
            references: (message.header("References") ?? "").split(separator: " ").compactMap { firstMessageID(String($0)) },
            deliveredTo: ["Delivered-To", "X-Original-To", "To", "Envelope-To"].flatMap { message.allHeaders($0) }
                .flatMap(addresses),
            from: message.decodedHeader("From").map(ASCIIBytes.singleLine),
            subject: subject)
        let subjectText = subject ?? ""

        if FeedbackReport.isFeedback(message, subject: subjectText) {
            result.kind = .feedback
            result.originalMessageID = originalMessageID(in: message)
            return result
        }
        if let event = AmazonSESNotification.event(in: message) {
            switch event {
            case .bounce(let recipients): result.setFailures(recipients.filter { !own.contains($0.address) })
            case .complaint: result.kind = .feedback
            case .delivery: result.kind = .delivered
            }
            return result
        }
        let reported = DeliveryStatusReport.recipients(in: message)
        let autoReplySubject = AutoReplySignals.bySubject(subjectText)
        // Only a report, a failure notice or an autoresponder can be a challenge: a person who
        // writes "guest list" in a reply is still a person answering.
        if ChallengeSignals.byHeaders(message) || ((reported?.isEmpty == false || autoReplySubject || AutoReplySignals.byHeaders(message)
            || BounceSignals.isBounce(message, subject: subjectText)) && ChallengeSignals.byText(message)) {
            result.kind = .challenge
            result.originalMessageID = originalMessageID(in: message)
            result.recipients = (reported ?? []).map { ReportedRecipient(challenged: $0) }
            return result
        }
        if let reported, !reported.isEmpty {
            result.originalMessageID = originalMessageID(in: message)
            let failed = reported.filter { !DeliveryStatusReport.successActions.contains($0.action ?? "") && !own.contains($0.address) }
            if failed.isEmpty {
                result.kind = .delivered
            } else {
                result.setFailures(failed)
            }
            return result
        }
        if !autoReplySubject, BounceSignals.isBounce(message, subject: subjectText) {
            result.originalMessageID = originalMessageID(in: message)
            result.setFailures(textBounceRecipients(message, own: own))
            if result.recipients.isEmpty, depth < maxForwardDepth, let forwarded = forwardedBounce(message, depth: depth, own: own) {
                return forwarded
            }
            // A failure notice that names no recipient is still a bounce: it must not count as a reply.
            result.kind = result.recipients.isEmpty ? .bounce : result.kind
            return result
        }
        if autoReplySubject || AutoReplySignals.byHeaders(message) || AutoReplySignals.byExchangeMarkers(message) {
            result.kind = .autoReply
        } else if result.inReplyTo != nil || !result.references.isEmpty || ReplySignals.hasReplyPrefix(subjectText)
                    || ReplySignals.quotesOriginal(message.notification.plainText) {
            result.kind = .reply
        }
        return result
    }

    /// A bounce forwarded as an attachment (a virus scanner or a help desk passing it on): the
    /// attached notice is classified instead, when it is a failure notice itself.
    private static func forwardedBounce(_ message: MailMessage, depth: Int, own: OwnAddresses) -> InboundClassification? {
        for part in message.allParts.dropFirst() where part.mediaType == "message/rfc822" {
            let inner = classify(MailMessage(part.decodedBody, depth: 0), depth: depth + 1, own: own)
            if (inner.kind == .bounce || inner.kind == .delay), !inner.recipients.isEmpty { return inner }
        }
        return nil
    }

    /// The Message-ID of the returned original (message/rfc822 or text/rfc822-headers part).
    static func originalMessageID(in message: MailMessage) -> String? {
        for part in message.allParts where part.mediaType == "message/rfc822" || part.mediaType == "text/rfc822-headers" {
            if let id = MailMessage(part.decodedBody, depth: 0).header("Message-ID").flatMap(firstMessageID) { return id }
        }
        return nil
    }

    static func firstMessageID(_ value: String) -> String? {
        guard let open = value.firstIndex(of: "<"), let close = value[open...].firstIndex(of: ">") else { return nil }
        return String(value[open...close])
    }

    static func addresses(_ value: String) -> [String] {
        AddressScanner.addresses(in: value)
    }
}

extension ReportedRecipient {
    /// A recipient whose server holds the mail for a challenge: not failed, not retried by anyone.
    init(challenged reported: ReportedRecipient) {
        self = reported
        action = "challenged"
        reason = "challenge"
        permanent = false
    }
}

extension InboundClassification {
    /// Failed recipients make a bounce when one failed for good, a delay when all are still tried.
    mutating func setFailures(_ failed: [ReportedRecipient]) {
        recipients = failed
        kind = failed.isEmpty ? .bounce : (failed.contains(where: \.permanent) ? .bounce : .delay)
    }
}
