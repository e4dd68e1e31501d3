import Foundation
import GRDB

/// What `send --period` did.
public struct PeriodReport: Sendable {
    /// The period as it was before anything was sent.
    public var plan: PeriodPlan
    public var send: SendReport?
    /// Where the notification went (the accountant's contact address), nil on a dry run.
    public var notifiedAddress: String?
}

extension Gateway {
    /// The quarter-end send: every waiting document of the period goes to its route now
    /// (failed, bounced and sent ones only through `resend`), then one notification mail tells
    /// the dossier's accountant (never an import address) that the period is in. Run twice, it
    /// sends no document twice. `dryRun` plans and sends nothing.
    public func sendPeriod(dossier name: String, period: Period, comment: String?, dryRun: Bool,
                           progress: SendProgress? = nil) async throws -> PeriodReport {
        let plan = try planPeriod(dossier: name, period: period)
        guard !dryRun else { return PeriodReport(plan: plan, send: nil, notifiedAddress: nil) }
        let ids = plan.toSend.compactMap(\.deliveryID)
        let send = ids.isEmpty ? SendReport() : try await outbox.send(dossier: name, selection: .only(ids), progress: progress)
        let after = try planPeriod(dossier: name, period: period)
        let dossier = try self.dossier(named: name)
        try await notify(dossier: dossier, before: plan, after: after, comment: comment)
        return PeriodReport(plan: plan, send: send, notifiedAddress: dossier.accountant.value)
    }

    /// The notification mail: the period, counts per kind, what went now and before, what
    /// failed, bounced or is held, and the owner's comment.
    func notify(dossier: Dossier, before: PeriodPlan, after: PeriodPlan, comment: String?) async throws {
        let sentNow = Set(before.toSend.map(\.documentID)).intersection(after.sentBefore.map(\.documentID))
        func lines(_ documents: [PeriodDocument]) -> [[String: String]] {
            documents.map { ["number": $0.number.singleLine, "counterparty": $0.counterparty?.singleLine ?? "",
                             "kind": $0.kind?.label(dossier.language) ?? "?", "reason": $0.reason?.singleLine ?? ""] }
        }
        let values: [String: Any] = [
            "company": dossier.company.singleLine,
            "period": after.period.description,
            "total": after.documents.count,
            "kinds": after.countsByKind.map { ["kind": $0.kind?.label(dossier.language) ?? "?", "count": $0.count] },
            "sent_now": sentNow.count,
            "sent_before": after.sentBefore.count - sentNow.count,
            "failed": lines(after.failed),
            // Deferred by the server (or not yet due): they go again on their own.
            "retrying": lines(after.toSend),
            "bounced": lines(after.bounced),
            "challenged": lines(after.challenged),
            "held": lines(after.held),
            // Pull routes: the accountant's software collects them itself.
            "has_pull": !(after.collected.isEmpty && after.waitingCollection.isEmpty),
            "collected": after.collected.count,
            "waiting_collection": after.waitingCollection.count,
            "waiting": lines(after.waitingCollection),
            "has_problems": !(after.failed.isEmpty && after.bounced.isEmpty && after.challenged.isEmpty && after.held.isEmpty
                              && after.toSend.isEmpty && after.waitingCollection.isEmpty),
            "comment": comment ?? "",
        ]
        let content = templatedMail("notification", values, dossier: dossier, to: [dossier.accountant])
        try await sendPlain(content, to: [dossier.accountant], what: "the notification for \(after.period)")
        try database.write { db in
            try db.execute(sql: "INSERT INTO notification (dossier, period, recipient, messageID, sentAt) VALUES (?, ?, ?, ?, ?)",
                           arguments: [dossier.name, after.period.description, dossier.accountant.value, content.messageID, clock()])
        }
    }

    /// Sends a mail that is not a document delivery (notification, self-mail, route test):
    /// from the bounce address, and an error when the server does not take it.
    /// Returns the size of the mail sent.
    @discardableResult
    func sendPlain(_ content: MailContent, to recipients: [EmailAddress], what: String) async throws -> Int {
        let server = try settings.requireSMTP()
        let client = try SMTPClient(server: server)
        let message = try MessageComposer.compose(content)
        let transfer = await client.send(envelopeFrom: try settings.requireBounceAddress(), recipients: recipients,
                                         message: message)
        if let refusal = transfer.loginRefusal { throw SMTPLoginRefused(reply: refusal, username: server.username ?? "") }
        guard case .accepted = transfer.outcome else {
            throw MailNotAccepted(what: what, reason: transfer.reason)
        }
        logger.info("sent \(what) to \(recipients.map(\.value).joined(separator: ", "))")
        return message.count
    }
}

/// The mail server did not take a mail that is not a document (a notification, a self-mail
/// part, a route test): nothing else was changed; the same action can be tried again.
public struct MailNotAccepted: Error, Sendable, CustomStringConvertible {
    public let what: String
    public let reason: String
    public var description: String { "\(what) was not sent: \(reason); try again once the mail server takes mail" }
}
