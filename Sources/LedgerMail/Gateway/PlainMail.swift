import Foundation

// Mail that is not a document delivery (the digest, the quarter-end notification, a mail-out
// part, a route test): shared by the jobs that send one.

extension GatewayServices {
    /// A mail from the dossier whose subject and text come from the `template` pair
    /// (`NAME-subject`, `NAME`) in the dossier's language.
    func templatedMail(_ template: String, _ values: [String: Any], dossier: Dossier, to recipients: [EmailAddress],
                       attachments: [MailAttachment] = [], messageID: String? = nil, date: Date? = nil) -> MailContent {
        MailContent(
            from: dossier.from, to: recipients, replyTo: settings.replyAddress,
            // Values from documents are shown, never obeyed: a bidi override would reorder the text.
            subject: DisplayText.withoutBidi(templates.render("\(template)-subject", language: dossier.language, values).singleLine),
            text: DisplayText.withoutBidi(templates.render(template, language: dossier.language, values)),
            attachments: attachments,
            messageID: messageID ?? MessageComposer.newMessageID(domain: dossier.from.address.domain), date: date ?? clock())
    }

    /// Sends it from the bounce address; an error when the server does not take it.
    /// Returns the size of the mail sent.
    @discardableResult
    func sendPlain(_ content: MailContent, to recipients: [EmailAddress], what: String) async throws -> Int {
        let server = try settings.requireSMTP()
        let client = try SMTPClient(server: server)
        let message = try MessageComposer.compose(content)
        let transfer = await client.send(envelopeFrom: try settings.requireBounceAddress(), recipients: recipients,
                                         message: message)
        if let refusal = transfer.loginRefusal { throw SMTPLoginRefused(reply: refusal, username: server.username ?? "") }
        guard case .accepted = transfer.outcome else {
            throw MailNotAccepted(what: what, reason: Gateway.reason(transfer))
        }
        logger.info("sent \(what) to \(recipients.map(\.value).joined(separator: ", "))")
        return message.count
    }
}
