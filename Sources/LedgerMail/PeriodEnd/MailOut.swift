import Foundation

/// What `mail-out` sent.
public struct SelfMailReport: Sendable, Equatable {
    public var documents: Int
    /// One entry per mail: how many documents and how many bytes it carried.
    public var mails: [(documents: Int, bytes: Int)]

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.documents == rhs.documents && lhs.mails.map(\.documents) == rhs.mails.map(\.documents)
            && lhs.mails.map(\.bytes) == rhs.mails.map(\.bytes)
    }
}

/// `mail-out`, for accountants without import addresses: every document of the period (UBL +
/// PDF) to any address, as attachments or in one ZIP per mail, split into numbered mails that
/// each stay under a cap, with a summary in the body.
public struct MailOut: Sendable {
    let services: GatewayServices

    /// Each part sent is recorded with its documents; `fromPart` resumes a run that stopped
    /// (`MailOutStopped`) only when the parts before it went out carrying what they would carry now.
    public func send(dossier name: String, period: Period, to address: String, zip: Bool,
                     maxSize: ByteSize = ByteSize(bytes: 20 << 20), fromPart: Int = 1) async throws -> SelfMailReport {
        try InvalidInput.checkSingleLine(address, name: "--to")
        let recipient = try EmailAddress(address)
        let dossier = try services.store.read { tx in try Dossier(try tx.requireDossier(name)) }
        let documents = try PeriodPlanning(services: services).documents(dossier: name, period: period)
        guard !documents.isEmpty else { throw NothingInPeriod(dossier: name, period: period.description) }
        let bundles = try documents.map { candidate in
            MailOutBundle(document: PeriodPlanning.planned(candidate), files: try candidate.document.files.map { file in
                MailAttachment(fileName: file.name, mimeType: file.mimeType, data: try services.blobs.get(file.sha256))
            })
        }
        let groups = try Self.parts(bundles, maxSize: maxSize)
        guard (1...groups.count).contains(fromPart) else {
            throw InvalidInput("--from-part \(fromPart): \(period) makes \(groups.count) mail(s) under \(maxSize)")
        }
        let partDocuments = groups.map { $0.map { String($0.document.documentID) }.joined(separator: ",") }
        if fromPart > 1 {
            try checkPartsSent(partDocuments.prefix(fromPart - 1), dossier: name, period: period, to: recipient)
        }
        let notice = NoticeMail(services: services)
        var report = SelfMailReport(documents: bundles.count, mails: [])
        for (index, group) in groups.enumerated() where index + 1 >= fromPart {
            var attachments = group.flatMap(\.files)
            if zip { attachments = [try Self.zipped(attachments, name: "\(dossier.name)-\(period.description)-\(index + 1).zip")] }
            let values: [String: Any] = [
                "company": dossier.company.singleLine, "period": period.description, "zip": zip,
                "count": group.count, "total": bundles.count,
                "parts": groups.count > 1 ? groups.count : 0, "part": index + 1,
                "documents": group.map { ["kind": $0.document.kind?.label(dossier.language) ?? "?",
                                          "number": $0.document.number.singleLine,
                                          "counterparty": $0.document.counterparty?.singleLine ?? "",
                                          "files": $0.files.map(\.fileName).joined(separator: ", ")] },
            ]
            let content = notice.compose("selfmail", values, dossier: dossier, to: [recipient], attachments: attachments)
            do {
                let size = try await notice.send(content, to: [recipient], what: "self-mail \(index + 1)/\(groups.count) for \(period)")
                report.mails.append((group.count, size))
            } catch {
                throw MailOutStopped(failedPart: index + 1, firstPart: fromPart, parts: groups.count, reason: "\(error)")
            }
            try services.store.write { tx in
                var part = SelfMailPartRecord(id: nil, dossier: name, period: period.description, recipient: recipient.value,
                                              part: index + 1, parts: groups.count, documentIDs: partDocuments[index], sentAt: services.clock())
                try tx.insert(&part)
            }
        }
        return report
    }

    /// A resumed mail-out may only skip parts that went out with the very documents they would
    /// carry now: a new version since then changes a part, and documents would be skipped or sent twice.
    private func checkPartsSent(_ expected: ArraySlice<String>, dossier: String, period: Period, to recipient: EmailAddress) throws {
        let sent = try services.store.read { tx in
            try tx.selfMailParts(dossier: dossier, period: period.description, recipient: recipient.value)
        }
        var latest: [Int: String] = [:]
        for part in sent { latest[part.part] = part.documentIDs }
        for (offset, documents) in expected.enumerated() where latest[offset + 1] != documents {
            throw InvalidInput("--from-part \(expected.count + 1): part \(offset + 1) of \(period) to \(recipient.value) "
                + (latest[offset + 1] == nil ? "was never sent" : "went out with other documents (the period changed since)")
                + "; run mail-out without --from-part")
        }
    }
}
