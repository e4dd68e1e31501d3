import ArgumentParser
import Foundation
import LedgerMail

struct DatabaseCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Move an install's state between engines.",
        subcommands: [CopyCommand.self]
    )

    struct CopyCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "copy",
            abstract: "Copy this SQLite install (database, stored files, VERP key) into an empty PostgreSQL database, then check it.",
            discussion: """
                The target must be empty (a database made with createdb). Every table is copied, then compared: the same rows \
                in every table, the same VERP key, and each stored file's SHA-256 recomputed by PostgreSQL. The password comes \
                from database.password or LEDGERMAIL_DATABASE_PASSWORD, never from the URL. Stop `run` and `serve` first: \
                what they change during the copy would not be in it.

                Example:
                  LEDGERMAIL_DATABASE_PASSWORD=… ledgermail db copy --to postgres://ledgermail@db.example:5432/ledgermail
                """
        )

        @OptionGroup var options: GlobalOptions

        @Option(name: .long, help: ArgumentHelp("The PostgreSQL database to copy into.", valueName: "postgres://user@host:port/database"))
        var to: String

        func run() async throws {
            let settings = try await options.settings()
            let quiet = options.quiet
            let report = try await StoreCopy.copy(from: settings, toURL: to) { line in if !quiet { print(line) } }
            let rows = report.rows.reduce(0) { $0 + $1.count }
            print("copied and checked: \(rows) row(s) in \(report.rows.count) tables, \(report.blobs) stored file(s), the VERP key")
        }
    }
}
