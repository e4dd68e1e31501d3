import ArgumentParser
import LedgerMail

struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Deliver what is due now (everything waiting with --now) over smtp.connections SMTP sessions (2 by default).",
        discussion: """
            The first SMTP session logs in alone; the others (up to smtp.connections) open once it
            has, so a wrong password costs one attempt. On a terminal, a long send shows its
            progress (count, rate, ETA).

            Examples:
              ledgermail send acme --now
              ledgermail send --all          # what is due in every dossier (cron, without `run`)
              ledgermail send acme --period 2026-Q3 --comment "Alles binnen" --dry-run
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String?
    @Flag(help: "Every dossier: what is due everywhere (what `run --once` sends).") var all = false
    @Flag(help: "Send everything waiting (scheduled, deferred and pending), not only what is due.") var now = false
    @Option(help: "The quarter-end send: every waiting document of the period (2026-Q3 or 2026-09), then a notification to the accountant.")
    var period: String?
    @Option(help: "Like --period, for everything issued up to this day (2026-09-30).") var until: String?
    @Option(help: "A comment for the accountant, in the notification.") var comment: String?
    @Flag(name: .customLong("dry-run"), help: "With --period: print the plan, send nothing.") var dryRun = false

    func validate() throws {
        if all == (dossier != nil) { throw ValidationError("give a dossier, or --all for every dossier") }
        if all, period != nil || until != nil { throw ValidationError("--period and --until go with one dossier, not --all") }
    }

    func run() async throws {
        if let dossier, period != nil || until != nil {
            try await sendPeriod(dossier)
            return
        }
        if dryRun || comment != nil { throw ValidationError("--dry-run and --comment go with --period or --until") }
        let report = try await options.gateway().outbox.send(dossier: dossier, selection: now ? .everythingWaiting : .due,
                                                      progress: ProgressLine().callback)
        say("sent \(report.sent), deferred \(report.deferred), failed \(report.failed)")
        for problem in report.problems { say("  \(problem)") }
        if report.failed > 0 { throw ExitCode(1) }
    }

    func sendPeriod(_ dossier: String) async throws {
        try checkSingleLine([period, until, comment].compactMap { $0 }, name: "a value")
        let chosen = try period.map { text throws in try Period(parsing: text) } ?? Period(until: until ?? "")
        let report = try await options.gateway().periodSend.send(dossier: dossier, period: chosen, comment: comment, dryRun: dryRun,
                                                             progress: ProgressLine().callback)
        let plan = report.plan
        say("\(chosen): \(plan.documents.count) document(s)")
        for (kind, count) in plan.countsByKind { say("  \(kind?.rawValue ?? "unknown"): \(count)") }
        say("  to send now: \(plan.toSend.count), sent before: \(plan.sentBefore.count), failed: \(plan.failed.count), bounced: \(plan.bounced.count), challenged: \(plan.challenged.count), held: \(plan.held.count)")
        for document in plan.toSend where dryRun { say("  would send #\(document.documentID) \(document.number.singleLine) (\(document.kind?.rawValue ?? "?"))") }
        if let send = report.send {
            say("sent \(send.sent), deferred \(send.deferred), failed \(send.failed)")
            for problem in send.problems { say("  \(problem)") }
        }
        if let address = report.notifiedAddress { say("notification sent to \(address)") }
        if dryRun { say("dry run: nothing was sent") }
        if (report.send?.failed ?? 0) > 0 { throw ExitCode(1) }
    }
}
