import Foundation

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

/// `ledgermail digest`, and the digests `run` sends after each pass.
public struct OwnerDigest: Sendable {
    let services: GatewayServices

    /// The next digest of the dossier, sent now (`dryRun`: only made). Nil when nothing needs reporting.
    public func next(dossier name: String, dryRun: Bool) async throws -> DigestOutcome? {
        let (dossier, events) = try services.store.read { tx in
            (try Dossier(try tx.requireDossier(name)), try DigestEvent.unreported(dossier: name, tx))
        }
        guard let owner = dossier.ownerEmail else {
            throw InvalidInput("dossier '\(name)' has no owner address: give one with `ledgermail dossier set \(name) --owner-email ADDRESS`")
        }
        guard events.contains(where: \.kind.isTrouble) else { return nil }
        if !dryRun, !services.settings.digest.enabled {
            throw InvalidInput("digest.enabled is false in \(services.settings.configFile.path): no digest is sent (--dry-run shows it)")
        }
        let content = mail(dossier: dossier, owner: owner, events: events)
        if !dryRun { try await send(content, dossier: dossier, owner: owner, events: events) }
        return DigestOutcome(recipient: owner.value, subject: content.subject, text: content.text, events: events.count, sent: !dryRun)
    }

    /// After a pass: every dossier with an owner address and unreported trouble gets one digest,
    /// unless it had one less than `digest.interval` ago (the trouble then waits for the next).
    /// Returns what went wrong, per dossier.
    func sendDue() async -> [String] {
        guard services.settings.digest.enabled else { return [] }
        var errors: [String] = []
        do {
            let now = services.clock()
            let due = try services.store.read { tx in
                try tx.dossiersWithOwner().compactMap { record -> (Dossier, [DigestEvent])? in
                    if let last = try tx.lastDigestSentAt(dossier: record.name),
                       now.timeIntervalSince(last) < services.settings.digest.interval { return nil }
                    let events = try DigestEvent.unreported(dossier: record.name, tx)
                    return events.contains(where: \.kind.isTrouble) ? (try Dossier(record), events) : nil
                }
            }
            for (dossier, events) in due {
                guard let owner = dossier.ownerEmail else { continue }
                do {
                    try await send(mail(dossier: dossier, owner: owner, events: events), dossier: dossier, owner: owner, events: events)
                } catch {
                    errors.append("digest for \(dossier.name): \(error)")
                    services.logger.error("digest for \(dossier.name) not sent: \(error)")
                }
            }
        } catch {
            errors.append("digest: \(error)")
        }
        return errors
    }

    /// Sends a digest and records what it reported; never to one of the dossier's import addresses.
    private func send(_ content: MailContent, dossier: Dossier, owner: EmailAddress, events: [DigestEvent]) async throws {
        let imports = try services.store.read { tx in try tx.routes(dossier: dossier.name).map(Route.init).flatMap(\.addresses) }
        guard !imports.contains(where: { $0.value.lowercased() == owner.value.lowercased() }) else {
            throw InvalidInput("the owner address \(owner) is an import address of '\(dossier.name)': a digest there would be booked as a document")
        }
        try await services.sendPlain(content, to: [owner], what: "the digest for \(dossier.name)")
        try services.store.write { tx in
            var digest = DigestRecord(id: nil, dossier: dossier.name, recipient: owner.value, messageID: content.messageID,
                                      sentAt: services.clock())
            try tx.insert(&digest, events: events.map { ($0.kind, $0.subjectID) })
        }
    }
}
