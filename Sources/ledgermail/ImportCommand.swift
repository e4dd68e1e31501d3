import ArgumentParser
import Foundation
import LedgerMail

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import UBL invoices and credit notes into a dossier and schedule their delivery.",
        discussion: """
            Each file is stored whole or not at all, with its PDF (embedded, or FILE.pdf beside it).
            One line per file. Exit status 0 when every file is stored (held ones included), 1 otherwise.

            Example:
              ledgermail import acme invoices/*.xml
              ledgermail import acme --kind receipt scans/taxi.pdf
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String
    @Option(help: "The kind of every file given (needed for a PDF or a picture; for UBL it overrides the party match).")
    var kind: DocumentKind?
    @Argument(help: "UBL files (or PDFs, pictures, CODA statements).") var files: [String]

    func run() async throws {
        try checkSingleLine([dossier], name: "the dossier")
        let gateway = try await options.gateway()
        _ = try gateway.dossier(named: dossier)
        var failures = 0
        for file in files {
            do {
                try InvalidInput.checkSingleLine(file, name: "the file name")
                let outcome = try gateway.importFile(dossier: dossier, file: URL(fileURLWithPath: file), declaredKind: kind)
                say("\(Self.line(file, outcome))")
            } catch {
                failures += 1
                say("failed   \(file.singleLine): \(error)")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    static func line(_ file: String, _ outcome: ImportOutcome) -> String {
        let name = file.singleLine
        switch outcome {
        case .alreadyImported(let id):
            return "same     \(name): already imported as document \(id); nothing new"
        case .stored(let id, let kind, let state, let heldReason, let version, let replaced):
            var text = "stored   \(name): document \(id), \(kind?.rawValue ?? "kind unknown"), \(state.rawValue)"
            if version > 1 { text += ", version \(version)" }
            if let replaced { text += " (replaces document \(replaced), never sent)" }
            if let heldReason { text += " — held: \(heldReason)" }
            return text
        }
    }
}
