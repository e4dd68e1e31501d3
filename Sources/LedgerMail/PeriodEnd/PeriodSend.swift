import Foundation

/// What `send --period` did.
public struct PeriodReport: Sendable {
    /// The period as it was before anything was sent.
    public var plan: PeriodPlan
    public var send: SendReport?
    /// Where the notification went (the accountant's contact address), nil on a dry run.
    public var notifiedAddress: String?
}

/// The quarter-end send: every waiting document of the period goes to its route now (failed,
/// bounced and sent ones only through `resend`), then one notification mail tells the dossier's
/// accountant (never an import address) that the period is in.
public struct PeriodSend: Sendable {
    let services: GatewayServices
    /// Sends these deliveries of the dossier now (the send queue's own work).
    let deliver: @Sendable (_ dossier: String, _ deliveries: [Int64], _ progress: SendProgress?) async throws -> SendReport

    /// Run twice, it sends no document twice. `dryRun` plans and sends nothing.
    public func send(dossier name: String, period: Period, comment: String?, dryRun: Bool,
                     progress: SendProgress? = nil) async throws -> PeriodReport {
        let planning = PeriodPlanning(services: services)
        let plan = try planning.plan(dossier: name, period: period)
        guard !dryRun else { return PeriodReport(plan: plan, send: nil, notifiedAddress: nil) }
        let ids = plan.toSend.compactMap(\.deliveryID)
        let send = ids.isEmpty ? SendReport() : try await deliver(name, ids, progress)
        let after = try planning.plan(dossier: name, period: period)
        let dossier = try services.store.read { tx in try Dossier(try tx.requireDossier(name)) }
        try await notify(dossier: dossier, before: plan, after: after, comment: comment)
        return PeriodReport(plan: plan, send: send, notifiedAddress: dossier.accountant.value)
    }

    /// The notification mail: the period, counts per kind, what went now and before, what
    /// failed, bounced or is held, and the owner's comment.
    private func notify(dossier: Dossier, before: PeriodPlan, after: PeriodPlan, comment: String?) async throws {
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
        let notice = NoticeMail(services: services)
        let content = notice.compose("notification", values, dossier: dossier, to: [dossier.accountant])
        try await notice.send(content, to: [dossier.accountant], what: "the notification for \(after.period)")
        try services.store.write { tx in
            var record = NotificationRecord(id: nil, dossier: dossier.name, period: after.period.description,
                                            recipient: dossier.accountant.value, messageID: content.messageID, sentAt: services.clock())
            try tx.insert(&record)
        }
    }
}
