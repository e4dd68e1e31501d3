/// Out-of-office and vacation replies: RFC 3834's Auto-Submitted, the headers of servers that do not
/// send it (Exchange, vacation programs), and subjects in the languages our customers write.
enum AutoReplySignals {
    /// Headers that autoresponders set (present, and not "no").
    private static let markerHeaders = ["X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply",
                                        "X-Vacation", "X-Mail-Autoreply"]

    static func byHeaders(_ message: MailMessage) -> Bool {
        if let auto = message.header("Auto-Submitted")?.lowercased(), auto.hasPrefix("auto-replied") { return true }
        for name in markerHeaders {
            if let value = message.header(name)?.lowercased(), value != "no", value != "false" { return true }
        }
        if let precedence = message.header("Precedence")?.lowercased(), precedence.hasPrefix("auto_reply") { return true }
        return false
    }

    /// Subject markers of autoresponders, lowercased. Outlook and Exchange put theirs before the
    /// original subject ("Automatic reply: …", "Afwezig: …").
    private static let subjectMarkers = PhraseSet([
        "automatic reply", "auto reply", "autoreply", "auto-reply", "auto:", "auto response", "autoresponse",
        "out of office", "out of the office", "out-of-office", "ooo:", "away from the office", "on vacation",
        "vacation", "absence", "absent", "afwezig", "automatisch antwoord", "automatisch bericht", "niet aanwezig",
        "abwesenheit", "abwesenheitsnotiz", "automatische antwort", "außer haus", "ausser haus", "nicht im büro",
        "réponse automatique", "reponse automatique", "message d'absence", "congés", "respuesta automática",
        "fuera de la oficina", "risposta automatica", "fuori sede", "resposta automática", "autosvar",
        "automaattinen vastaus", "automatiska atbilde", "atvaļinājums", "odpowiedź automatyczna",
    ])

    static func bySubject(_ subject: String) -> Bool {
        let lower = ASCIIBytes.lowercasedString(subject)
        // "Re: absence of the invoice" is a person answering; an autoresponder puts its marker first.
        guard !ReplySignals.hasReplyPrefix(lower) else { return false }
        return subjectMarkers.matches(lower.utf8)
    }

    /// Exchange marks its out-of-office replies with X-Auto-Response-Suppress (so that no other
    /// autoresponder answers them) and loops header, but not with Auto-Submitted.
    static func byExchangeMarkers(_ message: MailMessage) -> Bool {
        message.header("X-Auto-Response-Suppress") != nil && message.header("X-MS-Exchange-Inbox-Rules-Loop") != nil
    }
}
