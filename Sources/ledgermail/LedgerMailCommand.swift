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
        ]
    )
}
