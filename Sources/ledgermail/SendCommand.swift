import ArgumentParser
import LedgerMail

struct SendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "Deliver what is due now (everything waiting with --now) over one SMTP connection.",
        discussion: """
            On a terminal, a long send shows its progress (count, rate, ETA).

            Example:
              ledgermail send acme --now
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String
    @Flag(help: "Send everything waiting (scheduled, deferred and pending), not only what is due.") var now = false

    func run() async throws {
        let report = try await options.gateway().send(dossier: dossier, selection: now ? .everythingWaiting : .due,
                                                      progress: ProgressLine().callback)
        print("sent \(report.sent), deferred \(report.deferred), failed \(report.failed)")
        for problem in report.problems { print("  \(problem)") }
        if report.failed > 0 { throw ExitCode(1) }
    }
}
