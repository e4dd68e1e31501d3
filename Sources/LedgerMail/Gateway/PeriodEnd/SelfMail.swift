import Foundation
import GRDB
import ZIPFoundation

/// `mail-out` stopped at a part the server did not take: which parts went before it, and how
/// to send the rest without sending those again.
public struct MailOutStopped: Error, Sendable, CustomStringConvertible {
    public let failedPart: Int
    public let firstPart: Int
    public let parts: Int
    public let reason: String

    public var description: String {
        let before = failedPart == firstPart ? "nothing went out"
            : firstPart == failedPart - 1 ? "part \(firstPart) went out" : "parts \(firstPart)–\(failedPart - 1) went out"
        return "part \(failedPart) of \(parts) was not sent (\(reason)); \(before). "
            + "Run again with --from-part \(failedPart) (same period, cap and --zip) to send the rest"
    }
}

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

extension Gateway {
    /// For accountants without import addresses: every document of the period (UBL + PDF) to
    /// any address, as attachments or in one ZIP per mail, split into numbered mails that each
    /// stay under `maxSize`, with a summary in the body. A single document too big for the cap
    /// is refused with the reason, never truncated. Each part sent is recorded with its
    /// documents; `fromPart` resumes a run that stopped (`MailOutStopped`) only when the parts
    /// before it went out carrying what they would carry now.
    public func mailOut(dossier name: String, period: Period, to address: String, zip: Bool,
                        maxSize: ByteSize = ByteSize(bytes: 20 << 20), fromPart: Int = 1) async throws -> SelfMailReport {
        try InvalidInput.checkSingleLine(address, name: "--to")
        let recipient = try EmailAddress(address)
        let dossier = try self.dossier(named: name)
        let plan = try planPeriod(dossier: name, period: period)
        guard !plan.documents.isEmpty else { throw InvalidInput("dossier '\(name)' has no documents in \(period)") }

        // Each document's files, read from the store.
        var bundles: [(document: PeriodDocument, files: [MailAttachment])] = []
        for planned in plan.documents {
            guard let record = try database.read({ db in try DocumentRecord.fetchOne(db, key: planned.documentID) }) else { continue }
            var files: [MailAttachment] = []
            if let hash = record.ublSHA256 { files.append(.init(fileName: record.attachmentBase + ".xml", mimeType: "application/xml", data: try blobs.get(hash))) }
            if let hash = record.fileSHA256 {
                files.append(.init(fileName: record.attachmentBase + "." + (record.fileExtension ?? "bin"),
                                   mimeType: record.fileMimeType ?? "application/octet-stream", data: try blobs.get(hash)))
            }
            if let hash = record.pdfSHA256 { files.append(.init(fileName: record.attachmentBase + ".pdf", mimeType: "application/pdf", data: try blobs.get(hash))) }
            bundles.append((planned, files))
        }

        // Split greedily in document order; base64 makes 4 bytes of 3, plus headers and text.
        let budget = maxSize.bytes - 4 << 10   // headers and the summary text
        func encodedSize(_ files: [MailAttachment]) -> Int { files.reduce(0) { $0 + ($1.data.count + 2) / 3 * 4 * 78 / 76 + 400 } }
        var groups: [[(document: PeriodDocument, files: [MailAttachment])]] = [[]]
        for bundle in bundles {
            let alone = encodedSize(bundle.files)
            guard alone <= budget else {
                throw InvalidInput("document \(bundle.document.number) alone is \(ByteSize(bytes: alone)), over the \(maxSize) cap: nothing was sent")
            }
            if encodedSize((groups[groups.count - 1] + [bundle]).flatMap(\.files)) > budget, !groups[groups.count - 1].isEmpty {
                groups.append([])
            }
            groups[groups.count - 1].append(bundle)
        }

        guard (1...groups.count).contains(fromPart) else {
            throw InvalidInput("--from-part \(fromPart): \(period) makes \(groups.count) mail(s) under \(maxSize)")
        }
        let partDocuments = groups.map { $0.map { String($0.document.documentID) }.joined(separator: ",") }
        if fromPart > 1 {
            try checkPartsSent(partDocuments.prefix(fromPart - 1), dossier: name, period: period, to: recipient)
        }
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
            let content = templatedMail("selfmail", values, dossier: dossier, to: [recipient], attachments: attachments)
            do {
                let size = try await sendPlain(content, to: [recipient], what: "self-mail \(index + 1)/\(groups.count) for \(period)")
                report.mails.append((group.count, size))
            } catch {
                throw MailOutStopped(failedPart: index + 1, firstPart: fromPart, parts: groups.count, reason: "\(error)")
            }
            try database.write { db in
                try db.execute(sql: """
                    INSERT INTO selfMailPart (dossier, period, recipient, part, parts, documentIDs, sentAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [name, period.description, recipient.value, index + 1, groups.count, partDocuments[index], clock()])
            }
        }
        return report
    }

    /// A resumed mail-out may only skip parts that went out with the very documents they would
    /// carry now: a new version since then changes a part, and documents would be skipped or sent twice.
    private func checkPartsSent(_ expected: ArraySlice<String>, dossier: String, period: Period, to recipient: EmailAddress) throws {
        let sent = try database.read { db in
            try Row.fetchAll(db, sql: """
                SELECT part, documentIDs FROM selfMailPart WHERE dossier = ? AND period = ? AND recipient = ?
                ORDER BY id
                """, arguments: [dossier, period.description, recipient.value])
        }
        var latest: [Int: String] = [:]
        for row in sent { latest[row["part"]] = row["documentIDs"] }
        for (offset, documents) in expected.enumerated() where latest[offset + 1] != documents {
            throw InvalidInput("--from-part \(expected.count + 1): part \(offset + 1) of \(period) to \(recipient.value) "
                + (latest[offset + 1] == nil ? "was never sent" : "went out with other documents (the period changed since)")
                + "; run mail-out without --from-part")
        }
    }

    /// One ZIP (deflated) holding `files`, built in memory.
    static func zipped(_ files: [MailAttachment], name: String) throws -> MailAttachment {
        let archive = try Archive(data: Data(), accessMode: .create)
        var used: Set<String> = []
        for file in files {
            var entry = file.fileName
            var counter = 2
            while used.contains(entry) { entry = "\(counter)-\(file.fileName)"; counter += 1 }
            used.insert(entry)
            let data = file.data
            try archive.addEntry(with: entry, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw StorageError("the ZIP archive could not be built") }
        return MailAttachment(fileName: name, mimeType: "application/zip", data: data)
    }
}
