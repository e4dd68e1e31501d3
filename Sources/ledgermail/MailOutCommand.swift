import ArgumentParser
import LedgerMail

struct MailOutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail-out",
        abstract: "Mail all documents of a period (UBL + PDF) to any address, for accountants without import addresses.",
        discussion: """
            Split into numbered mails under the size cap, as attachments or one ZIP per mail, with a summary in the body.
            When the server refuses a part, the parts before it stay sent: --from-part resumes at that part.

            Example:
              ledgermail mail-out acme --period 2026-Q3 --to boekhouder@example.be --zip --max-size 10MB
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String
    @Option(help: "The period (2026-Q3 or 2026-09).") var period: String
    @Option(help: "Where to send the documents.") var to: String
    @Flag(help: "One ZIP per mail instead of loose attachments.") var zip = false
    @Option(name: .customLong("max-size"), help: "The largest mail, e.g. 20MB.") var maxSize = "20MB"
    @Option(name: .customLong("from-part"), help: "Start at this numbered mail (after a run that stopped).") var fromPart = 1

    func run() async throws {
        try checkSingleLine([period, to, maxSize], name: "a value")
        let report = try await options.gateway().mailOut.send(dossier: dossier, period: try Period(parsing: period), to: to, zip: zip,
                                                         maxSize: try ByteSize(parsing: maxSize), fromPart: fromPart)
        let sent = report.mails.reduce(0) { $0 + $1.documents }
        say("\(sent) of \(report.documents) document(s) in \(report.mails.count) mail(s) sent to \(to)")
        for (index, mail) in report.mails.enumerated() {
            say("  mail \(fromPart + index): \(mail.documents) document(s), \(ByteSize(bytes: mail.bytes))")
        }
    }
}
