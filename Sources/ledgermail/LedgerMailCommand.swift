import ArgumentParser
import LedgerMail

/// `ledgermail`: keeps an accountant's bookkeeping software fed with a business's invoices.
@main
struct LedgerMailCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledgermail",
        abstract: "Delivers a business's invoices (UBL + PDF) to its accountant's import mailboxes, and tracks what came back.",
        discussion: """
            Quick start:
              ledgermail init
              ledgermail dossier add acme --company "Acme BV" --vat BE0123456749 --from "Acme BV <acme@gateway.test>" --accountant boekhouder@acct.test
              ledgermail route set acme purchase-invoice inkoop@acct.test
              ledgermail import acme invoice.xml
              ledgermail send acme --now
              ledgermail status acme
            """,
        version: LedgerMailVersion.current,
        subcommands: [
            InitCommand.self, DossierCommand.self, RouteCommand.self, ImportCommand.self, SendCommand.self,
            RunCommand.self, ServeCommand.self, StatusCommand.self, ReviewCommand.self, ResendCommand.self, PreviewCommand.self,
            InboxCommand.self, InspectCommand.self, ClassifyCommand.self, MailOutCommand.self, IntegrationCommand.self, UserCommand.self,
            DigestCommand.self, TokenCommand.self, SyncCommand.self, DatabaseCommand.self,
        ]
    )

    /// ArgumentParser's own entry point, but our errors are shown through the one sanitiser:
    /// they may quote a file name or a server's reply.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: ShownError.wrapping(error))
        }
    }
}

/// An error of ours as the terminal shows it: control and bidi characters escaped.
struct ShownError: Error, CustomStringConvertible {
    let description: String

    /// ArgumentParser's own errors (usage, --help, exit codes) pass as they are.
    static func wrapping(_ error: any Error) -> any Error {
        if String(reflecting: type(of: error)).hasPrefix("ArgumentParser.") { return error }
        return ShownError(description: DisplayText.terminal(String(describing: error)))
    }
}
