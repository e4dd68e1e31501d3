import ArgumentParser
import LedgerMail

struct DossierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Manage dossiers (one business each).",
        subcommands: [Add.self, Show.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add a dossier.",
            discussion: """
                Example:
                  ledgermail dossier add acme --company "Acme BV" --vat BE0123456749 --language nl \\
                    --dispatch after-10-minutes --from "Acme BV <acme@gateway.test>" --accountant boekhouder@acct.test \\
                    --owner-email jan@acme.test
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "Short name of the dossier (lowercase letters, digits, - and _).") var name: String
        @Option(help: "The company's name.") var company: String
        @Option(help: "The company's VAT number: Belgian (or its enterprise number) or of any EU member state, e.g. NL123456782B01 (shape and check digits checked).") var vat: String
        @Option(help: "Language of the mails: nl, fr or en.") var language: Language = .nl
        @Option(help: "When documents leave: after-10-minutes, end-of-month or never.") var dispatch: DispatchPolicy = .afterTenMinutes
        @Option(help: "The sender of the mails, e.g. \"Acme BV <acme@gateway.test>\".") var from: String
        @Option(help: "The accountant's own contact address (notifications only, never documents).") var accountant: String
        @Option(name: .customLong("time-zone"), help: "Time zone for end-of-month dispatch.") var timeZone = "Europe/Brussels"
        @Option(name: .customLong("owner-email"),
                help: "The owner's own address: a digest of trouble goes there (never an import address).") var ownerEmail: String?

        func run() async throws {
            let gateway = try await options.gateway()
            try gateway.addDossier(name: name, company: company, vat: vat, language: language, dispatch: dispatch,
                                   from: from, accountant: accountant, timeZone: timeZone, ownerEmail: ownerEmail)
            print("dossier \(name) added")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show a dossier's settings.",
            discussion: "Example:\n  ledgermail dossier show acme"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dossier.") var name: String

        func run() async throws {
            let dossier = try await options.gateway().dossier(named: name)
            print("""
                dossier     \(dossier.name)
                company     \(dossier.company)
                number      \(dossier.enterpriseNumber)
                language    \(dossier.language.rawValue)
                dispatch    \(dossier.dispatch.rawValue)
                from        \(dossier.from.displayName.map { "\($0) " } ?? "")<\(dossier.from.address)>
                accountant  \(dossier.accountant)
                time zone   \(dossier.timeZone)
                owner       \(dossier.ownerEmail?.value ?? "(none: no digest)")
                """)
        }
    }
}
