import ArgumentParser
import Foundation
import LedgerMail

struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Write the exact mail a document would be sent as (but for Date and Message-ID).",
        discussion: """
            Open the .eml in a mail client to see what the accountant's mailbox will get.

            Example:
              ledgermail preview acme 12 --out invoice.eml
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String
    @Argument(help: "The document id (from `status`).") var id: Int64
    @Option(help: "The route (kind); the document's own kind by default.") var route: DocumentKind?
    @Option(help: "Write to this file instead of standard output.") var out: String?

    func run() async throws {
        let message = try await options.gateway().preview.mail(dossier: dossier, documentID: id, route: route)
        if let out {
            try message.write(to: URL(fileURLWithPath: out), options: .atomic)
            print("wrote \(out) (\(message.count) bytes)")
        } else {
            FileHandle.standardOutput.write(message)
        }
    }
}
