import Foundation
import GRDB
import ServiceLifecycle

extension Gateway {
    /// Sends what is due (or the selection) for one dossier, or all dossiers when nil, over up to
    /// `smtp.connections` SMTP sessions: the first alone until a mail shows its login works (a
    /// wrong password costs one attempt), then the others join. One sender at a time per data
    /// directory (`SendLock`); a graceful shutdown stops the pass after the mails in flight (one
    /// per session: at most those go again after a crash).
    public func send(dossier: String?, selection: SendSelection, progress: SendProgress? = nil) async throws -> SendReport {
        let server = try settings.requireSMTP()
        let bounceAddress = try settings.requireBounceAddress()
        if let dossier { _ = try self.dossier(named: dossier) }
        let lock = try await DirectoryLock.acquire("send", in: settings.dataDirectory)
        defer { withExtendedLifetime(lock) {} }
        try recoverInterruptedSends()

        let now = clock()
        let ids = try database.read { db in try Self.waitingDeliveries(dossier: dossier, selection: selection, now: now, db) }
        guard !ids.isEmpty else { return SendReport() }
        let work = SendQueue(ids, progress: progress)
        let first = try SMTPClient(server: server)
        var report = try await drain(work, over: first, bounceAddress: bounceAddress, untilLoggedIn: server.connections > 1)
        guard server.connections > 1, report.loggedIn, work.hasMore else { return report }
        let clients = try [first] + (1..<server.connections).map { _ in try SMTPClient(server: server) }
        try await withThrowingTaskGroup(of: SendReport.self) { group in
            for client in clients {
                group.addTask { [self] in try await drain(work, over: client, bounceAddress: bounceAddress, untilLoggedIn: false) }
            }
            for try await part in group { report.absorb(part) }
        }
        return report
    }

    /// Sends deliveries from `work` over one session until none is left (or a shutdown); with
    /// `untilLoggedIn`, stops as soon as one mail got past the login. The loop runs whole on the
    /// session's own thread: a mail's claim, transfer and record, then the next, with no hop
    /// between threads (each hop waited about a millisecond for a core on a busy machine).
    private func drain(_ work: SendQueue, over client: SMTPClient, bounceAddress: EmailAddress,
                       untilLoggedIn: Bool) async throws -> SendReport {
        let stop = CancellationSignal()
        return try await withTaskCancellationOrGracefulShutdownHandler {
            try await client.run { [self] session in
                try drain(work, over: session, bounceAddress: bounceAddress, untilLoggedIn: untilLoggedIn, stop: stop)
            }
        } onCancelOrGracefulShutdown: {
            stop.raise()
        }
    }

    private func drain(_ work: SendQueue, over session: SMTPClient.Session, bounceAddress: EmailAddress,
                       untilLoggedIn: Bool, stop: CancellationSignal) throws -> SendReport {
        var report = SendReport()
        while let id = work.next() {
            // A graceful shutdown, or another session of the pass stopped it (a refused login, a database error).
            if stop.isRaised {
                report.interrupted = true
                break
            }
            switch try claim(deliveryID: id) {
            case .none:
                break
            case .refused(let reason, let mail):
                report.failed += 1
                report.problems.append("delivery \(id) failed: \(reason)")
                logger.event("failed", level: .warning, "delivery \(id) failed before sending: \(reason)", mail.fields(reply: reason))
            case .postponed(let reason, let mail):
                report.deferred += 1
                report.problems.append("delivery \(id) deferred: \(reason)")
                logger.event("deferred", level: .notice, "delivery \(id) postponed: \(reason)", mail.fields(reply: reason))
            case .ready(let prepared):
                let envelope = verp.envelopeSender(bounceAddress: bounceAddress, deliveryID: id)
                let transfer = session.send(envelopeFrom: envelope, recipients: prepared.recipients, message: prepared.message)
                if let refusal = transfer.loginRefusal {
                    // Nothing went out: the claim is undone, and no other delivery is tried.
                    try database.write { db in try prepared.claimedFrom.update(db) }
                    throw SMTPLoginRefused(reply: refusal, username: settings.smtp?.username ?? "")
                }
                report.connections += transfer.newConnections
                // The server answered the mail itself: the session got past its login.
                report.loggedIn = report.loggedIn || !transfer.recipientReplies.isEmpty
                try record(transfer, deliveryID: id, mail: prepared, into: &report)
            }
            work.finished()
            if untilLoggedIn && report.loggedIn { break }
        }
        return report
    }

    /// Deliveries left `sending` by a process that died: waiting again, with the same
    /// Message-ID, so at most that one mail is repeated. Only called under the send lock.
    func recoverInterruptedSends() throws {
        let now = clock()
        let count = try database.write { db in
            try DeliveryRecord.filter(Column("state") == DeliveryState.sending.rawValue)
                .updateAll(db, Column("state").set(to: DeliveryState.deferred.rawValue), Column("dueAt").set(to: now),
                           Column("lastReply").set(to: "interrupted while sending; sent again with the same Message-ID"))
        }
        if count > 0 { logger.warning("\(count) delivery(ies) were interrupted while sending: they go again") }
    }

    static func waitingDeliveries(dossier: String?, selection: SendSelection, now: Date, _ db: Database) throws -> [Int64] {
        var sql = """
            SELECT delivery.id FROM delivery JOIN document ON document.id = delivery.documentID
            WHERE document.supersededBy IS NULL AND delivery.routeKind IS NOT NULL
            """
        var arguments: StatementArguments = []
        switch selection {
        case .due:
            sql += " AND delivery.state IN ('scheduled', 'deferred') AND delivery.dueAt <= ?"
            arguments += [now]
        case .everythingWaiting:
            sql += " AND delivery.state IN ('scheduled', 'deferred', 'pending')"
        case .only(let ids):
            guard !ids.isEmpty else { return [] }
            sql += " AND delivery.state IN ('scheduled', 'deferred', 'pending') AND delivery.id IN (\(ids.map { _ in "?" }.joined(separator: ",")))"
            arguments += StatementArguments(ids)
        }
        if let dossier {
            sql += " AND document.dossier = ?"
            arguments += [dossier]
        }
        sql += " ORDER BY delivery.dueAt, delivery.id"
        return try Int64.fetchAll(db, sql: sql, arguments: arguments)
    }

    struct PreparedMail: Sendable {
        /// Large stored files are read as the mail is uploaded, never held whole.
        var message: MIMEPieces
        var recipients: [EmailAddress]
        var about: MailSubject
        /// The delivery as it was before the claim, put back when the login is refused.
        var claimedFrom: DeliveryRecord
    }

    /// Which document a mail is about, for the log.
    struct MailSubject: Sendable {
        var dossier: String
        var documentID: Int64
        var number: String
        var route: DocumentKind

        func fields(recipients: [EmailAddress] = [], reply: String?, nextTry: Date? = nil) -> KeyValuePairs<String, String?> {
            ["dossier": dossier, "document": "\(documentID)", "route": route.rawValue,
             "recipients": recipients.isEmpty ? nil : recipients.map(\.value).joined(separator: ","), "reply": reply,
             "next_try": nextTry.map { $0.formatted(.iso8601) }]
        }
    }

    enum Claim: Sendable {
        case ready(PreparedMail)
        /// The mail cannot be made as the route wants it (too big, nothing to attach): `failed`.
        case refused(String, MailSubject)
        /// A stored file could not be read just now: `deferred`, tried again on the next pass.
        case postponed(String, MailSubject)
    }

    /// Composes a waiting delivery's mail (outside any write transaction: a 50 MB mail must not
    /// hold the database), then marks it `sending` — only if it is still waiting, so two passes
    /// never take the same one — with its Message-ID fixed for good. A mail that cannot be made
    /// (too big, nothing to attach, a stored file missing) fails alone; the queue goes on.
    func claim(deliveryID: Int64) throws -> Claim? {
        let waiting: [DeliveryState] = [.scheduled, .deferred, .pending]
        guard let (delivery, document, dossier, route, kind) = try database.read({ db -> (DeliveryRecord, DocumentRecord, Dossier, Route?, DocumentKind)? in
            guard let delivery = try DeliveryRecord.fetchOne(db, key: deliveryID), waiting.contains(delivery.state),
                  let kind = delivery.routeKind,
                  let document = try DocumentRecord.fetchOne(db, key: delivery.documentID) else { return nil }
            let route = try RouteRecord.fetchOne(db, key: ["dossier": document.dossier, "kind": kind.rawValue]).map(Route.init)
            return (delivery, document, try Dossier(try requireDossier(document.dossier, db)), route, kind)
        }) else { return nil }

        let now = clock()
        let about = MailSubject(dossier: dossier.name, documentID: document.id!, number: document.number, route: kind)
        /// `dueAt` only when given: the due time read before composing may be stale by now.
        func settle(_ state: DeliveryState, _ reason: String, dueAt: Date? = nil) throws {
            var assignments = [Column("state").set(to: state), Column("lastReply").set(to: reason),
                               Column("updatedAt").set(to: now)]
            if let dueAt { assignments.append(Column("dueAt").set(to: dueAt)) }
            _ = try database.write { db in
                try DeliveryRecord.filter(Column("id") == deliveryID && waiting.contains(Column("state")))
                    .updateAll(db, assignments)
            }
        }
        guard let route, !route.addresses.isEmpty else {
            try settle(.held, HoldReason.noRouteSentence(kind))
            return nil
        }
        let recipients = delivery.onlyRecipients.map { $0.split(separator: ",").compactMap { try? EmailAddress(String($0)) } } ?? route.addresses
        let messageID = delivery.messageID ?? MessageComposer.newMessageID(domain: dossier.from.address.domain)
        let message: MIMEPieces
        do {
            var content = try documentMail(document: document, kind: kind, dossier: dossier, route: route,
                                           messageID: messageID, date: now, streamingLargeFiles: true)
            content.to = recipients
            message = try MessageComposer.pieces(content)
            if let cap = route.maxSize, message.count > cap.bytes {
                throw InvalidInput("the mail would be \(ByteSize(bytes: message.count)), over the \(kind.rawValue) route's cap of \(cap); nothing was sent")
            }
        } catch let error as BlobUnreadable {
            // Not an attempt (nothing went out): waits retry.first, then the next pass tries again.
            try settle(.deferred, "\(error)", dueAt: now.addingTimeInterval(settings.retry.first))
            return .postponed("\(error)", about)
        } catch {
            let reason = (error as? InvalidInput)?.message ?? "the mail could not be made: \(error)"
            try settle(.failed, reason)
            return .refused(reason, about)
        }
        let claimed = try database.write { db in
            try DeliveryRecord.filter(Column("id") == deliveryID && waiting.contains(Column("state")))
                .updateAll(db, Column("state").set(to: DeliveryState.sending.rawValue), Column("messageID").set(to: messageID),
                           Column("attempts").set(to: delivery.attempts + 1),
                           Column("firstAttemptAt").set(to: delivery.firstAttemptAt ?? now), Column("updatedAt").set(to: now))
        }
        return claimed == 1 ? .ready(PreparedMail(message: message, recipients: recipients, about: about, claimedFrom: delivery)) : nil
    }

    /// Writes what the server said: per recipient, and the delivery's new state.
    func record(_ transfer: SMTPTransfer, deliveryID: Int64, mail: PreparedMail, into report: inout SendReport) throws {
        let now = clock()
        let recipients = mail.recipients
        let (state, nextTry): (DeliveryState?, Date?) = try database.write { db in
            // Only the claim this pass made is settled here: a bounce the inbox applied meanwhile
            // (an earlier attempt that did arrive, then bounced) stands.
            guard var delivery = try DeliveryRecord.fetchOne(db, key: deliveryID) else { return (nil, nil) }
            guard delivery.state == .sending else { return (delivery.state, nil) }
            try RecipientRecord.filter(Column("deliveryID") == deliveryID).deleteAll(db)
            for address in recipients {
                let reply = transfer.recipientReplies[address.value]
                let state: DeliveryState
                switch transfer.outcome {
                case .accepted: state = reply.map { $0.isPositive ? .sent : ($0.isTransient ? .deferred : .failed) } ?? .sent
                case .transientFailure: state = .deferred
                case .permanentFailure: state = reply?.isTransient == true ? .deferred : .failed
                }
                var row = RecipientRecord(id: nil, deliveryID: deliveryID, address: address.value, state: state,
                                          smtpReply: reply?.text)
                try row.insert(db)
            }
            delivery.updatedAt = now
            switch transfer.outcome {
            case .accepted(let reply):
                delivery.state = .sent
                delivery.sentAt = now
                delivery.lastReply = reply.text
                delivery.dueAt = nil
                // Addresses that answered 4xx did not get it: a follow-up delivery retries them alone.
                let later = recipients.filter { transfer.recipientReplies[$0.value]?.isTransient == true }
                if !later.isEmpty, let next = settings.retry.nextAttempt(attempts: 1, firstAttempt: now, now: now) {
                    var followUp = DeliveryRecord.new(documentID: delivery.documentID, routeKind: delivery.routeKind,
                                                      state: .deferred, dueAt: next, now: now)
                    followUp.onlyRecipients = later.map(\.value).joined(separator: ",")
                    followUp.lastReply = "retrying \(later.map(\.value).joined(separator: ", ")) after a temporary refusal"
                    try followUp.insert(db)
                }
            case .transientFailure(let reason):
                let next = settings.retry.nextAttempt(attempts: delivery.attempts, firstAttempt: delivery.firstAttemptAt ?? now, now: now)
                delivery.state = next == nil ? .failed : .deferred
                delivery.dueAt = next
                delivery.lastReply = next == nil ? "\(RetryPolicy.gaveUpPrefix) \(delivery.attempts) attempts: \(reason)" : reason
            case .permanentFailure(let reason):
                delivery.state = .failed
                delivery.lastReply = reason
                delivery.dueAt = nil
            }
            try delivery.update(db)
            return (delivery.state, delivery.dueAt)
        }
        let reason = Self.reason(transfer)
        let fields = mail.about.fields(recipients: recipients, reply: reason, nextTry: nextTry)
        let document = "document \(mail.about.documentID) (\(mail.about.number.singleLine))"
        switch state {
        case .sent:
            report.sent += 1
            logger.event("sent", "\(document) sent to its \(mail.about.route.rawValue) route", fields)
        case .deferred:
            report.deferred += 1
            report.problems.append("delivery \(deliveryID) deferred: \(reason)")
            logger.event("deferred", level: .notice, "\(document) deferred, tried again later", fields)
        case .bounced:
            report.failed += 1
            report.problems.append("delivery \(deliveryID) bounced while it was being sent again; the bounce stands")
            logger.event("bounced", level: .warning, "\(document) bounced while it was being sent again", fields)
        default:
            report.failed += 1
            report.problems.append("delivery \(deliveryID) failed: \(reason)")
            logger.event("failed", level: .warning, "\(document) failed", fields)
        }
    }

    static func reason(_ transfer: SMTPTransfer) -> String {
        switch transfer.outcome {
        case .accepted(let reply): reply.text
        case .transientFailure(let text), .permanentFailure(let text): text
        }
    }
}
