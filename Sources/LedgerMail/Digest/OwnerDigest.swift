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
        guard let owner = dossier.ownerEmail else { throw NoOwnerAddress(dossier: name) }
        guard events.contains(where: \.kind.isTrouble) else { return nil }
        if !dryRun, !services.settings.digest.enabled { throw DigestDisabled(configFile: services.settings.configFile.path) }
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
        let routes = try services.store.read { tx in try tx.routes(dossier: dossier.name).map(Route.init) }
        if let route = routes.first(where: { $0.addresses.contains { $0.value.lowercased() == owner.value.lowercased() } }) {
            throw OwnerIsImportAddress(owner: owner, kind: route.kind, dossier: dossier.name)
        }
        try await NoticeMail(services: services).send(content, to: [owner], what: "the digest for \(dossier.name)")
        try services.store.write { tx in
            var digest = DigestRecord(id: nil, dossier: dossier.name, recipient: owner.value, messageID: content.messageID,
                                      sentAt: services.clock())
            try tx.insert(&digest, events: events.map { ($0.kind, $0.subjectID) })
        }
    }
}
