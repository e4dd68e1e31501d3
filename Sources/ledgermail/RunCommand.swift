import ArgumentParser
import LedgerMail
import Logging
import ServiceLifecycle

struct RunCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Send what falls due and read the inbox, as a service (or one pass with --once).",
        discussion: """
            Stops gracefully on SIGTERM or SIGINT.

            Examples:
              ledgermail run
              ledgermail run --once      # one pass, for cron and tests
            """
    )

    @OptionGroup var options: GlobalOptions
    @Flag(help: "Do one pass of sending and reading, then exit.") var once = false
    @Option(help: "Seconds between passes.") var interval = 30

    func run() async throws {
        let gateway = try await options.gateway(service: true)
        if once {
            let report = await gateway.runOnce()
            if let send = report.send { say("sent \(send.sent), deferred \(send.deferred), failed \(send.failed)") }
            if let inbox = report.inbox {
                say("inbox: \(inbox.read) read, \(inbox.bounces) bounce(s) applied, \(inbox.challenges) challenge(s), \(inbox.unmatched) unmatched")
            }
            for error in report.errors { say("error: \(error)") }
            if !report.errors.isEmpty { throw ExitCode(1) }
            return
        }
        let service = GatewayService(gateway: gateway, interval: .seconds(max(1, interval)))
        let group = ServiceGroup(services: [service], gracefulShutdownSignals: [.sigterm, .sigint],
                                 logger: Logger(label: "ledgermail.run"))
        try await group.run()
    }
}
