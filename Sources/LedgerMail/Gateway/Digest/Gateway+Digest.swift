import Foundation
import GRDB

/// The owner's digest: what went wrong with which document and what to do, plus the accountant's
/// replies, so trouble is heard about without running `status`.
public struct DigestOutcome: Sendable {
    public var recipient: String
    public var subject: String
    public var text: String
    /// Events reported (trouble and replies).
    public var events: Int
    public var sent: Bool
}

extension Gateway {
    /// `ledgermail digest DOSSIER`: the next digest, sent now (`dryRun`: only made). Nil when
    /// nothing needs reporting.
    public func digest(dossier name: String, dryRun: Bool) async throws -> DigestOutcome? {
        let (dossier, events) = try database.read { db in
            (try Dossier(try requireDossier(name, db)), try DigestEvent.unreported(dossier: name, db))
        }
        guard let owner = dossier.ownerEmail else {
            throw InvalidInput("dossier '\(name)' has no owner address: give one with `ledgermail dossier add --owner-email`")
        }
        guard events.contains(where: \.kind.isTrouble) else { return nil }
        if !dryRun, !settings.digest.enabled {
            throw InvalidInput("digest.enabled is false in \(settings.configFile.path): no digest is sent (--dry-run shows it)")
        }
        let content = digestMail(dossier: dossier, owner: owner, events: events)
        if !dryRun { try await sendDigest(content, dossier: dossier, owner: owner, events: events) }
        return DigestOutcome(recipient: owner.value, subject: content.subject, text: content.text, events: events.count, sent: !dryRun)
    }

    /// After a pass: every dossier with an owner address and unreported trouble gets one digest,
    /// unless it had one less than `digest.interval` ago (the trouble then waits for the next).
    func sendDueDigests() async -> [String] {
        guard settings.digest.enabled else { return [] }
        var errors: [String] = []
        do {
            let due = try database.read { db in
                try DossierRecord.filter(Column("ownerEmail") != nil).fetchAll(db).compactMap { record -> (Dossier, [DigestEvent])? in
                    if let last = try DigestRecord.lastSentAt(dossier: record.name, db),
                       clock().timeIntervalSince(last) < settings.digest.interval { return nil }
                    let events = try DigestEvent.unreported(dossier: record.name, db)
                    return events.contains(where: \.kind.isTrouble) ? (try Dossier(record), events) : nil
                }
            }
            for (dossier, events) in due {
                guard let owner = dossier.ownerEmail else { continue }
                do {
                    try await sendDigest(digestMail(dossier: dossier, owner: owner, events: events),
                                         dossier: dossier, owner: owner, events: events)
                } catch {
                    errors.append("digest for \(dossier.name): \(error)")
                    logger.error("digest for \(dossier.name) not sent: \(error)")
                }
            }
        } catch {
            errors.append("digest: \(error)")
        }
        return errors
    }

    /// Sends a digest and records what it reported; never to one of the dossier's import addresses.
    private func sendDigest(_ content: MailContent, dossier: Dossier, owner: EmailAddress, events: [DigestEvent]) async throws {
        let imports = try routes(dossier: dossier.name).flatMap(\.addresses)
        guard !imports.contains(where: { $0.value.lowercased() == owner.value.lowercased() }) else {
            throw InvalidInput("the owner address \(owner) is an import address of '\(dossier.name)': a digest there would be booked as a document")
        }
        try await sendPlain(content, to: [owner], what: "the digest for \(dossier.name)")
        try database.write { db in
            try DigestEvent.recordSent(events, dossier: dossier.name, recipient: owner.value, messageID: content.messageID,
                                       at: clock(), db)
        }
    }
}
