import ArgumentParser
import LedgerMail

struct DossierCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier",
        abstract: "Manage dossiers (one business each).",
        subcommands: [Add.self, Set.self, Show.self, List.self, Remove.self]
    )

    /// The settings `add` requires and `set` changes: one list, so the two never drift.
    struct Fields: ParsableArguments {
        @Option(help: "The company's name.") var company: String?
        @Option(help: "The company's VAT number: Belgian (or its enterprise number) or another EU state's, check digits checked.")
        var vat: String?
        @Option(help: "Language of the mails: nl, fr or en.") var language: Language?
        @Option(help: "When documents leave: after-10-minutes, end-of-month or never.") var dispatch: DispatchPolicy?
        @Option(help: "The sender of the mails, e.g. \"Acme BV <acme@gateway.test>\".") var from: String?
        @Option(help: "The accountant's own contact address (notifications only, never documents).") var accountant: String?
        @Option(name: .customLong("time-zone"), help: "Time zone for end-of-month dispatch (default Europe/Brussels).")
        var timeZone: String?
        @Option(name: .customLong("owner-email"),
                help: "The owner's own address: a digest of trouble goes there (never an import address; empty clears it).")
        var ownerEmail: String?

        var fields: DossierFields {
            DossierFields(company: company, vat: vat, language: language, dispatch: dispatch, from: from,
                          accountant: accountant, timeZone: timeZone, ownerEmail: ownerEmail)
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add a dossier.",
            discussion: """
                --company, --vat, --from and --accountant are required; language nl and dispatch
                after-10-minutes are the defaults.

                Example:
                  ledgermail dossier add acme --company "Acme BV" --vat BE0123456749 --language nl \\
                    --dispatch after-10-minutes --from "Acme BV <acme@gateway.test>" --accountant boekhouder@acct.test \\
                    --owner-email jan@acme.test
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "Short name of the dossier (lowercase letters, digits, - and _).") var name: String
        @OptionGroup var settings: Fields

        func run() async throws {
            guard let company = settings.company, let vat = settings.vat, let from = settings.from,
                  let accountant = settings.accountant else {
                throw ValidationError("dossier add needs --company, --vat, --from and --accountant")
            }
            try await options.gateway().dossiers.add(
                name: name, company: company, vat: vat, language: settings.language ?? .nl,
                dispatch: settings.dispatch ?? .afterTenMinutes, from: from, accountant: accountant,
                timeZone: settings.timeZone ?? "Europe/Brussels", ownerEmail: settings.ownerEmail)
            say("dossier \(name) added")
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Change a dossier's settings: only the options given change.",
            discussion: """
                A new --vat re-checks the documents held because their kind could not be decided:
                those the new number decides go to their routes.

                Example:
                  ledgermail dossier set acme --dispatch end-of-month --accountant nieuw@acct.test
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dossier.") var name: String
        @OptionGroup var settings: Fields

        func run() async throws {
            let report = try await options.gateway().dossiers.change(name, settings.fields)
            say("dossier \(name) changed")
            if !report.released.isEmpty {
                say("\(report.released.count) held document(s) now matched and scheduled: \(report.released.map { "#\($0)" }.joined(separator: " "))")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Remove a dossier with its documents and history, or archive it (--archive).",
            discussion: """
                Refused while any document waits or is in flight (held, pending, scheduled, deferred,
                sending). --archive keeps the documents and history, read-only, instead of deleting them.

                Examples:
                  ledgermail dossier remove oldclient --archive
                  ledgermail dossier remove test
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dossier.") var name: String
        @Flag(help: "Keep the documents and history, read-only.") var archive = false

        func run() async throws {
            try await options.gateway().dossiers.remove(name, archive: archive)
            say(archive ? "dossier \(name) archived (read-only)" : "dossier \(name) removed")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show",
            abstract: "Show a dossier's settings.",
            discussion: "Example:\n  ledgermail dossier show acme"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dossier.") var name: String

        func run() async throws {
            let dossier = try await options.gateway().dossiers.named(name)
            say("""
                dossier     \(dossier.name)
                company     \(dossier.company.singleLine)
                number      \(dossier.enterpriseNumber)
                language    \(dossier.language.rawValue)
                dispatch    \(dossier.dispatch.rawValue)
                from        \(dossier.from.displayName.map { "\($0.singleLine) " } ?? "")<\(dossier.from.address)>
                accountant  \(dossier.accountant)
                time zone   \(dossier.timeZone)
                owner       \(dossier.ownerEmail?.value ?? "(none: no digest)")
                """)
        }
    }
}
