import Foundation

/// The digest's text, from the `digest` templates in the dossier's language: each event with the
/// document it concerns and (in the template) what to do about it.
extension OwnerDigest {
    func mail(dossier: Dossier, owner: EmailAddress, events: [DigestEvent]) -> MailContent {
        let trouble = events.filter(\.kind.isTrouble), replies = events.filter { $0.kind == .reply }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = dossier.resolvedTimeZone
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        func document(_ event: DigestEvent) -> [String: Any] {
            let kind = event.documentKind
            return ["document_id": event.documentID, "number": event.number.singleLine,
                    "kind": kind?.label(dossier.language) ?? "", "kind_code": kind?.rawValue ?? "",
                    "counterparty": event.counterparty?.singleLine ?? "", "detail": event.detail?.singleLine ?? "",
                    "who": event.who?.singleLine ?? "",
                    // What a held document waits for: a kind (review), a route, or a resend of a new version.
                    "needs_kind": kind == nil,
                    "no_route": kind != nil && event.held == .noRoute,
                    "new_version": kind != nil && event.held == .newVersion]
        }
        let values: [String: Any] = [
            "company": dossier.company.singleLine,
            "dossier": dossier.name,
            "count": Set(trouble.map(\.documentID)).count,
            "events": trouble.map { event in
                document(event).merging(DigestEventKind.allCases.map { ($0.templateFlag, $0 == event.kind) }) { $1 }
            },
            "replies": replies.map { reply in
                document(reply).merging([
                    "received": reply.receivedAt.map(formatter.string(from:)) ?? "",
                    // The stored raw mail; a blob gone missing costs the excerpt, not the digest.
                    "excerpt": reply.rawSHA256.flatMap { try? services.blobs.get($0) }.map { Self.excerpt(of: $0) } ?? "",
                ]) { $1 }
            },
            "has_replies": !replies.isEmpty,
        ]
        return NoticeMail(services: services).compose("digest", values, dossier: dossier, to: [owner])
    }

    /// The first lines a person wrote in a reply, without the quoted original.
    static func excerpt(of raw: Data, lines limit: Int = 6) -> String {
        let notice = MailMessage(raw).notification.notice
        let lines = notice.lazy.map { ASCIIBytes.trimmingWhitespace($0.text) }.filter { !$0.isEmpty && !$0.hasPrefix(">") }
        return lines.prefix(limit).map { ASCIIBytes.prefix($0, 200) }.joined(separator: "\n    ")
    }
}

extension DigestEventKind {
    /// The template's section name for this kind (`{{#gave_up}}…{{/gave_up}}`).
    var templateFlag: String { rawValue.replacingOccurrences(of: "-", with: "_") }
}
