/// Challenge-response systems (Boxbe, TMDA, SpamArrest, ChoiceMail and the providers' own): the
/// receiving side holds our mail until someone proves to be a person, or says we are now on its
/// guest list. Many wrap that in a delivery-status report, but nothing failed: the document waits
/// for an answer, so the owner must act, and a bounce is the wrong word for it.
enum ChallengeSignals {
    /// Headers only challenge-response systems set.
    private static let markerHeaders = ["X-Boxbe-Activity", "X-Boxbe-Pending", "X-ChoiceMail-Registration-Request",
                                        "X-SpamArrest-Challenge", "X-Mailblocks-Challenge", "X-Challenge-Response"]

    /// What their notices say, lowercased: a request to prove being a person or to confirm the
    /// message, or a note that the sender is now on an approved list.
    private static let phrases = PhraseSet([
        "confirm that you are a person", "confirm you are a person", "confirm that you are a human",
        "confirm you are a human", "prove that you are a person", "prove you are a person", "prove that you are human",
        "prove you are human", "verify that you are a person", "verify that you are human", "verify you are human",
        "guest list", "list of approved senders", "approved senders list", "challenge-response", "challenge/response",
        "please confirm your message", "awaiting your verification", "pending your verification",
        "bevestig dat u een persoon bent", "gastenlijst", "confirmer que vous êtes une personne", "liste d'invités",
    ])

    /// A header only challenge-response systems write.
    static func byHeaders(_ message: MailMessage) -> Bool {
        markerHeaders.contains { message.header($0) != nil }
            || message.header("X-Delivery-Agent")?.lowercased().hasPrefix("tmda") == true
    }

    /// The notice's words; only asked of automated mail (a report, a failure notice, an autoresponder).
    static func byText(_ message: MailMessage) -> Bool {
        message.notification.notice.contains { phrases.matches($0.lower) }
    }
}
