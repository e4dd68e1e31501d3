import ArgumentParser
import Foundation
import LedgerMail

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: "Manage who logs in to the web pages: the business owner and the accountant.",
        subcommands: [Add.self, List.self, Remove.self, Link.self, Unlink.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Add an account, linked to dossiers; the password is read from standard input.",
            discussion: """
                An owner sees and changes his dossiers; an accountant reads the dossiers linked to him.
                The password (at least 10 characters) is read from standard input, never from an option.

                Example:
                  printf '%s' "$PASSWORD" | ledgermail user add eva@acct.test --role accountant --dossier acme,beta --password-stdin
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The e-mail address the person logs in with.") var email: String
        @Option(help: "owner or accountant.") var role: AccountRole
        @Option(help: "The dossiers the account may see (a comma list).") var dossier: String
        @Option(help: "The language of the pages: nl, fr or en.") var language: Language = .nl
        @Flag(name: .customLong("password-stdin"), help: "Read the password from standard input (required).") var passwordStdin = false

        func run() async throws {
            guard passwordStdin else { throw ValidationError("--password-stdin is required: a password never goes on the command line") }
            let password = readLine(strippingNewline: true) ?? ""
            try checkSingleLine([email, dossier], name: "a value")
            try await options.gateway().accounts.add(email: email, role: role, language: language,
                                                     dossiers: dossier.commaList, password: password)
            say("account \(email) added (\(role.rawValue))")
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the accounts with their role and dossiers.",
            discussion: "Example:\n  ledgermail user list --json"
        )

        @OptionGroup var options: GlobalOptions
        @Flag(help: "One JSON object per account per line.") var json = false

        func run() async throws {
            let accounts = try await options.gateway().accounts.all()
            if json {
                for account in accounts { print(try JSONLine.encode(AccountLine(account))) }
                return
            }
            if accounts.isEmpty { print("no accounts yet: `ledgermail user add` creates one") }
            for account in accounts {
                say("\(account.email.padded(32))\(account.role.rawValue.padded(12))\(account.language.rawValue.padded(4))\(account.dossiers.joined(separator: ","))")
            }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "remove", abstract: "Remove an account.",
                                                        discussion: "Example:\n  ledgermail user remove eva@acct.test")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The account's e-mail address.") var email: String

        func run() async throws {
            try await options.gateway().accounts.remove(email)
            say("account \(email) removed")
        }
    }

    struct Link: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "link", abstract: "Let an account see more dossiers.",
                                                        discussion: "Example:\n  ledgermail user link eva@acct.test gamma")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The account's e-mail address.") var email: String
        @Argument(help: "The dossiers.") var dossiers: [String]

        func run() async throws {
            try await options.gateway().accounts.link(email, to: dossiers)
            say("\(email) linked to \(dossiers.joined(separator: ", "))")
        }
    }

    struct Unlink: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "unlink", abstract: "Take dossiers away from an account.",
                                                        discussion: "Example:\n  ledgermail user unlink eva@acct.test beta")
        @OptionGroup var options: GlobalOptions
        @Argument(help: "The account's e-mail address.") var email: String
        @Argument(help: "The dossiers.") var dossiers: [String]

        func run() async throws {
            try await options.gateway().accounts.unlink(email, from: dossiers)
            say("\(email) unlinked from \(dossiers.joined(separator: ", "))")
        }
    }
}

/// `user list --json`: one account.
struct AccountLine: Encodable {
    var email: String
    var role: String
    var language: String
    var dossiers: [String]

    init(_ account: Account) {
        email = account.email
        role = account.role.rawValue
        language = account.language.rawValue
        dossiers = account.dossiers
    }
}

extension String {
    /// `a,b, c` as `["a", "b", "c"]`, empty items dropped.
    var commaList: [String] {
        split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

extension AccountRole: ExpressibleByArgument {}
