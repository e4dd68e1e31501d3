/// Whether a mail says it is a delivery failure notice at all. The text parser reads any address in
/// a notice as failed, so it only runs on mails that a mailer daemon sent or that say they bounced.
enum BounceSignals {
    static func isBounce(_ message: MailMessage, subject: String) -> Bool {
        if message.header("X-Failed-Recipients") != nil { return true }
        if message.mediaType == "multipart/report",
           message.contentTypeParameter("report-type")?.lowercased() == "delivery-status" { return true }
        if fromDaemon(message) { return true }
        guard subjectSaysBounce(subject) else { return false }
        // "RE: … : non remis": some gateways answer with a reply prefix; the notice itself must then say so.
        return !ReplySignals.hasReplyPrefix(subject) || noticeSaysBounce(message.notification.notice)
    }

    private static let noticePhrases = PhraseSet(["could not be delivered", "couldn't be delivered", "undeliverable",
                                        "delivery has failed", "unable to deliver", "was not delivered",
                                        "n'a pas pu etre delivre", "n'a pas pu être délivré", "konnte nicht zugestellt",
                                        "kon niet worden bezorgd", "permanent fatal errors", "delivery failed",
                                        "wasn't able to deliver", "not able to deliver", "permanent error"])

    static func noticeSaysBounce(_ lines: [NotificationText.Line]) -> Bool {
        lines.contains { noticePhrases.matches($0.lower) }
    }

    private static let daemonNames = PhraseSet(["mailer-daemon", "mailer_daemon", "mailerdaemon", "postmaster", "post_master",
                                      "mail delivery", "mail administrator", "mail system", "mail-daemon",
                                      "delivery subsystem", "mail_delivery", "maildelivery", "mdaemon"])

    static func fromDaemon(_ message: MailMessage) -> Bool {
        let from = ASCIIBytes.lowercasedString(message.decodedHeader("From") ?? "")
        return daemonNames.matches(from.utf8)
    }

    /// Subject words of failure notices, in the languages the corpus and our customers use.
    private static let subjectWords = PhraseSet([
        "undeliver", "undelivered", "delivery status notification", "delivery failure", "delivery failed",
        "failure notice", "returned mail", "mail delivery", "not delivered", "nondeliverable", "non-deliverable",
        "non deliverable", "delivery notification", "returned to sender", "could not be delivered", "delivery problem",
        "mail system error", "bounce", "rejected", "unzustellbar", "nicht zustellbar", "non remis", "onbestelbaar",
        "niet afgeleverd", "non recapitabile", "no entregado", "delivery report", "mail error", "failed delivery",
        "delivery error", "error sending", "message not sent", "could not send", "unable to deliver",
        "warning: could not", "delayed mail", "delivery delayed", "delivery has failed", "returned message",
        "mail failure", "message delivery", "non-delivery", "nondelivery", "non recensé", "エラー", "配信", "不達",
    ])

    static func subjectSaysBounce(_ subject: String) -> Bool {
        let lower = ASCIIBytes.lowercasedString(subject)
        return subjectWords.matches(lower.utf8)
    }
}
