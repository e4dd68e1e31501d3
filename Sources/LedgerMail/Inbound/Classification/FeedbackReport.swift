/// Abuse and spam complaints: ARF (RFC 5965) reports, and Hotmail's older JMRP mails that carry the
/// complained-about message without a feedback-report part.
enum FeedbackReport {
    static func isFeedback(_ message: MailMessage, subject: String) -> Bool {
        if message.mediaType == "multipart/report",
           message.contentTypeParameter("report-type")?.lowercased() == "feedback-report" { return true }
        if message.allParts.contains(where: { $0.mediaType == "message/feedback-report" }) { return true }
        let lower = ASCIIBytes.lowercasedString(subject)
        return lower.hasPrefix("complaint about message from") || lower.hasPrefix("abuse report")
    }
}
