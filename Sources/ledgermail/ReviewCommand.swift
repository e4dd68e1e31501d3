import ArgumentParser
import LedgerMail

struct ReviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "review",
        abstract: "Release a held document as the kind a person decided.",
        discussion: """
            Example:
              ledgermail review acme 12 --kind purchase-invoice
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String
    @Argument(help: "The document id (from `status`).") var id: Int64
    @Option(help: "The document's kind.") var kind: DocumentKind

    func run() async throws {
        let state = try await options.gateway().review.release(dossier: dossier, documentID: id, kind: kind)
        print("document \(id): \(kind.rawValue), \(state.rawValue)")
    }
}
