import Foundation

/// The mail that takes one document to one route.
struct DocumentMail: Sendable {
    let services: GatewayServices

    /// The mail for one document on one route: text from the dossier's language template, the
    /// files the route wants attached. Never a mail without an attachment to an import address.
    /// `streamingLargeFiles`: stored files over a megabyte stay files, read as the mail is sent.
    func compose(document: DocumentRecord, kind: DocumentKind, dossier: Dossier, route: Route,
                 messageID: String, date: Date, streamingLargeFiles: Bool = false) throws -> MailContent {
        func stored(_ hash: String) throws -> AttachmentSource { try services.blobs.source(hash, streamingOver: streamingLargeFiles ? 1 << 20 : nil) }
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
        return NoticeMail(services: services).compose("document", values, dossier: dossier, to: route.addresses,
                                                      attachments: attachments, messageID: messageID, date: date)
    }
}
