import ArgumentParser
import LedgerMail

struct ResendCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resend",
        abstract: "Send a document to a route again, now: the only way a document goes twice to the same route.",
        discussion: """
            Also sends a new version that waits because its predecessor was already sent.

            Example:
              ledgermail resend acme 12
              ledgermail resend acme 12 --route purchase-invoice
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String
    @Argument(help: "The document id (from `status`).") var id: Int64
    @Option(help: "The route (kind) to send to; the document's own kind by default.") var route: DocumentKind?

    func run() async throws {
        let gateway = try await options.gateway()
        let delivery = try gateway.resend.document(dossier: dossier, documentID: id, route: route)
        let report = try await gateway.outbox.send(dossier: dossier, selection: .only([delivery]))
        say("document \(id): sent \(report.sent), deferred \(report.deferred), failed \(report.failed)")
        for problem in report.problems { say("  \(problem)") }
        if report.failed > 0 { throw ExitCode(1) }
    }
}
