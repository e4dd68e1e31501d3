import ArgumentParser
import Foundation
import LedgerMailSync

struct SyncCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "The BillSync agent: pull the documents feed into a folder on the accountant's machine.",
        discussion: """
            Writes DIR/<dossier>/<kind>/<file>, each file whole (temporary file, fsync, rename), the PDF
            before the UBL, then acknowledges the document. Its cursor and temporary files live in
            DIR/.ledgermail-sync/. A changed version is written beside the old one (…_v2.xml).

            Example:
              ledgermail sync --server https://ledgermail.example --token-file ~/.ledgermail-token --to /srv/boekhouding --once
            """
    )

    @Option(help: "The LedgerMail server (its web address).") var server: String
    @Option(name: .customLong("token-file"), help: "A file holding the token (`ledgermail token add`).") var tokenFile: String
    @Option(help: "The folder the documents go to.") var to: String
    @Flag(help: "One pass, then exit (for cron).") var once = false
    @Option(name: .customLong("ca-file"), help: "PEM certificates to trust for an https server.") var caFile: String?
    @Option(help: "Seconds between passes when not --once.") var interval = 60
    @Option(help: "With --once: how many times to try a server that cannot be reached (pauses doubling from 1 s) before exiting 1.")
    var tries = 7

    func run() async throws {
        guard let url = URL(string: server), url.scheme == "http" || url.scheme == "https" else {
            throw ValidationError("--server must be an http:// or https:// address")
        }
        let token = try String(contentsOfFile: tokenFile, encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !token.isEmpty else { throw ValidationError("\(tokenFile) holds no token: `ledgermail token add` prints one") }
        let agent = SyncAgent(server: url, token: token, folder: URL(fileURLWithPath: to), caFile: caFile,
                              interval: .seconds(max(1, interval)), say: { FileHandle.standardOutput.write(Data(($0 + "\n").utf8)) })
        try await agent.run(once: once, tries: max(1, tries))
    }
}
