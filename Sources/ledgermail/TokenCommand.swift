import ArgumentParser
import Foundation
import LedgerMail

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Manage the bearer tokens of the documents feed (/api/v1, the BillSync agent).",
        subcommands: [Add.self, List.self, Revoke.self]
    )

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add",
            abstract: "Make a token for an account; it is shown once, alone on the last line.",
            discussion: """
                The token sees the dossiers linked to the account (`ledgermail user link`), or only
                those given with --dossier. Only its SHA-256 is kept: a lost token is revoked and replaced.

                Example:
                  ledgermail token add --user eva@acct.test --dossier acme > eva.token
                """
        )

        @OptionGroup var options: GlobalOptions
        @Option(help: "The account the token acts for.") var user: String
        @Option(help: "Only these of the account's dossiers (a comma list).") var dossier: String?

        func run() async throws {
            try checkSingleLine([user, dossier ?? ""], name: "a value")
            let made = try await options.gateway().apiTokens.add(email: user, dossiers: dossier?.commaList ?? [])
            FileHandle.standardError.write(Data("token \(made.id) for \(user.singleLine) (shown once, keep it in a file only its user reads):\n".utf8))
            print(made.token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tokens (never the tokens themselves).",
                                                        discussion: "Example:\n  ledgermail token list")

        @OptionGroup var options: GlobalOptions

        func run() async throws {
            let tokens = try await options.gateway().apiTokens.all()
            if tokens.isEmpty { say("no tokens yet: `ledgermail token add --user EMAIL` makes one") }
            for token in tokens {
                let scope = token.dossiers.isEmpty ? "all linked dossiers" : token.dossiers.joined(separator: ",")
                let state = token.revokedAt.map { "revoked \($0.formatted(.iso8601))" } ?? "active"
                say("\(String(token.id).padded(6))\(token.account.padded(32))\(state.padded(32))\(scope)")
            }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token: its next call is refused (401).",
                                                        discussion: "Example:\n  ledgermail token revoke 3")

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The token's number (`ledgermail token list`).") var id: Int64

        func run() async throws {
            try await options.gateway().apiTokens.revoke(id: id)
            say("token \(id) revoked")
        }
    }
}
