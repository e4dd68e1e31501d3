import Foundation

/// Writes the mails LedgerMail sends from a dossier: a document's, and the ones from a template
/// pair (digest, notification, route test, self-mail).
struct MailWriter: Sendable {
    let settings: Settings
    let templates: MailTemplates
    let blobs: BlobStore
    let clock: @Sendable () -> Date

    init(_ services: GatewayServices) {
        settings = services.settings
        templates = services.templates
        blobs = services.blobs
        clock = services.clock
    }

    /// The mail for one document on one route: text from the dossier's language template, the
    /// files the route wants attached. Never a mail without an attachment to an import address.
    /// `streamingLargeFiles`: stored files over a megabyte stay files, read as the mail is sent.
    func documentMail(document: DocumentRecord, kind: DocumentKind, dossier: Dossier, route: Route,
                      messageID: String, date: Date, streamingLargeFiles: Bool = false) throws -> MailContent {
        func stored(_ hash: String) throws -> AttachmentSource { try blobs.source(hash, streamingOver: streamingLargeFiles ? 1 << 20 : nil) }
        var attachments: [MailAttachment] = []
        if route.attach != .pdf, let ubl = document.ublSHA256 {
            attachments.append(MailAttachment(fileName: document.attachmentBase + ".xml", mimeType: "application/xml",
                                              source: try stored(ubl)))
        }
        if route.attach != .pdf, let file = document.fileSHA256 {
            attachments.append(MailAttachment(fileName: document.attachmentBase + "." + (document.fileExtension ?? "bin"),
                                              mimeType: document.fileMimeType ?? "application/octet-stream",
                                              source: try stored(file)))
        }
        if route.attach != .ubl, let pdf = document.pdfSHA256 {
            attachments.append(MailAttachment(fileName: document.attachmentBase + ".pdf", mimeType: "application/pdf",
                                              source: try stored(pdf)))
        }
        guard !attachments.isEmpty else {
            throw InvalidInput("the \(kind.rawValue) route attaches \(route.attach.rawValue) only, and document \(document.id ?? 0) has no such file; nothing was sent")
        }
        let values: [String: Any] = [
            "company": dossier.company.singleLine,
            "kind_label": kind.label(dossier.language),
            "kind_label_lower": kind.label(dossier.language).lowercased(),
            "number": document.number.singleLine,
            "counterparty": document.counterparty?.singleLine ?? "",
            "issue_date": document.issueDate ?? "",
            "attachment_list": attachments.map(\.fileName).joined(separator: ", "),
        ]
        return templated("document", values, dossier: dossier, to: route.addresses, attachments: attachments,
                             messageID: messageID, date: date)
    }

    /// A mail from the dossier whose subject and text come from the `template` pair
    /// (`NAME-subject`, `NAME`) in the dossier's language.
    func templated(_ template: String, _ values: [String: Any], dossier: Dossier, to recipients: [EmailAddress],
                       attachments: [MailAttachment] = [], messageID: String? = nil, date: Date? = nil) -> MailContent {
        MailContent(
            from: dossier.from, to: recipients, replyTo: settings.replyAddress,
            // Values from documents are shown, never obeyed: a bidi override would reorder the text.
            subject: DisplayText.withoutBidi(templates.render("\(template)-subject", language: dossier.language, values).singleLine),
            text: DisplayText.withoutBidi(templates.render(template, language: dossier.language, values)),
            attachments: attachments,
            messageID: messageID ?? MessageComposer.newMessageID(domain: dossier.from.address.domain), date: date ?? clock())
    }
}
