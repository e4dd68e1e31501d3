import Foundation

/// Mail that is not a document delivery (the quarter-end notification, the digest, a route
/// test, a mail-out part): written from the dossier's templates, sent from the bounce address,
/// and an error when the server does not take it.
struct NoticeMail: Sendable {
    let services: GatewayServices

    /// A mail from the dossier whose subject and text come from the `template` pair
    /// (`NAME-subject`, `NAME`) in the dossier's language.
    func compose(_ template: String, _ values: [String: Any], dossier: Dossier, to recipients: [EmailAddress],
                 attachments: [MailAttachment] = [], messageID: String? = nil, date: Date? = nil) -> MailContent {
        let templates = services.templates
        return MailContent(
            from: dossier.from, to: recipients, replyTo: services.settings.replyAddress,
            // Values from documents are shown, never obeyed: a bidi override would reorder the text.
            subject: DisplayText.withoutBidi(templates.render("\(template)-subject", language: dossier.language, values).singleLine),
            text: DisplayText.withoutBidi(templates.render(template, language: dossier.language, values)),
            attachments: attachments,
            messageID: messageID ?? MessageComposer.newMessageID(domain: dossier.from.address.domain),
            date: date ?? services.clock())
    }

    /// Sends it; returns the size of the mail sent.
    @discardableResult
    func send(_ content: MailContent, to recipients: [EmailAddress], what: String) async throws -> Int {
        let settings = services.settings
        let server = try settings.requireSMTP()
        let client = try SMTPClient(server: server)
        let message = try MessageComposer.compose(content)
        let transfer = await client.send(envelopeFrom: try settings.requireBounceAddress(), recipients: recipients,
                                         message: message)
        if let refusal = transfer.loginRefusal { throw SMTPLoginRefused(reply: refusal, username: server.username ?? "") }
        guard case .accepted = transfer.outcome else {
            throw MailNotAccepted(what: what, reason: transfer.reason)
        }
        services.logger.info("sent \(what) to \(recipients.map(\.value).joined(separator: ", "))")
        return message.count
    }
}
