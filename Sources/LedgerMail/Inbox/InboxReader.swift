import Foundation

/// `run` and `run --once` read the gateway's mailbox: new mail over IMAP, each message recorded
/// (raw bytes kept), what it says applied to the delivery it answers, then moved to the
/// processed folder. The last UID and UIDVALIDITY are kept, so nothing is read twice or missed.
public struct InboxReader: Sendable {
    let services: GatewayServices

    /// Passes in a row a server may refuse one message before it is left for a person.
    static let refusalsBeforeLeaving = 3

    /// One pass over the new mail. Only one process of the install reads at a time (the service,
    /// a `run --once`, other workers on a shared store): the others wait for it.
    public func readNewMail() async throws -> InboxReport {
        let server = try services.settings.requireIMAP()
        return try await services.store.exclusively(.inbox) {
            try await IMAPClient(server: server).withSession { session, server in
                try pass(session, server)
            }
        }
    }

    private func pass(_ session: IMAPSession, _ server: IMAPServer) throws -> InboxReport {
        let folder = MailboxFolder(server: server, uidValidity: try session.select(server.folder))
        let (lastUID, leftForAPerson): (UInt32, Set<Int64>) = try services.store.read { tx in
            // A new UIDVALIDITY means the folder's UIDs were renumbered: start over from its beginning.
            let cursor = try tx.mailboxCursor(folder.cursorKey)
            let lastUID = cursor?.uidValidity == folder.uidValidity ? UInt32(cursor?.lastUID ?? 0) : 0
            return (lastUID, try tx.uidsLeftInFolder(folder.name, uidValidity: folder.uidValidity))
        }
        session.ensureFolder(server.processedFolder)
        // Mail already recorded but still here (the move failed, or the process died between
        // recording and moving) is moved now, not read again.
        for uid in try session.uids(after: 0) where uid <= lastUID && !leftForAPerson.contains(Int64(uid)) {
            try? session.move(uid: uid, to: server.processedFolder)
        }
        let recording = InboundRecording(services: services)
        var report = InboxReport()
        for uid in try session.uids(after: lastUID) {
            let place = folder.at(uid)
            guard let taken = try take(uid, from: session, place, recording) else {
                report.postponed += 1
                break
            }
            let effect: InboundEffect
            switch taken {
            case .raw(let raw): effect = try recording.record(raw, at: place)
            case .leftForAPerson(let why): effect = try recording.recordLeftInFolder(place, why: why)
            }
            report.count(effect)
            if effect.unreadable { continue }
            do {
                try session.move(uid: uid, to: server.processedFolder)
            } catch {
                // The cursor already says it was read; leaving it in place loses nothing.
                services.logger.warning("could not move message \(uid) to \(server.processedFolder): \(error)")
            }
        }
        return report
    }

    private enum Taken {
        case raw(Data)
        /// Too large to take in, or refused by the server pass after pass: recorded, left for a
        /// person, and the inbox goes on (the cursor passes it).
        case leftForAPerson(String)
    }

    /// The message's bytes; nil when the server refused them this time (the pass stops before it).
    private func take(_ uid: UInt32, from session: IMAPSession, _ place: MailboxPlace, _ recording: InboundRecording) throws -> Taken? {
        let refusal: IMAPError
        do {
            let size = try session.messageSize(uid: uid)
            guard size <= services.settings.limits.inboundBytes else {
                return .leftForAPerson("too large (\(ByteSize(bytes: size)), over limits.inbound_bytes)")
            }
            return .raw(try session.message(uid: uid))
        } catch {
            // One catch for every IMAPError (a `catch … where` here crashes the Swift 6.3.1 compiler).
            guard error.isMessageRefusal else { throw error }
            refusal = error
        }
        // Often temporary ("NO Some messages could not be FETCHed"): this pass stops before it,
        // and only after a few refused passes is it left for a person.
        let refusals = try recording.noteRefusal(place)
        guard refusals >= Self.refusalsBeforeLeaving else {
            services.logger.warning("message \(uid): \(refusal); tried again on the next pass")
            return nil
        }
        return .leftForAPerson("\(refusal.description), \(refusals) passes in a row")
    }
}
