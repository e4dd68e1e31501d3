import ArgumentParser
import Foundation
import LedgerMail

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import UBL invoices and credit notes into a dossier and schedule their delivery.",
        discussion: """
            Each file is stored whole or not at all, with its PDF (embedded, or FILE.pdf beside it).
            A folder stands for every file under it, in path order: UBL (.xml) with its PDF, CODA,
            and PDFs or pictures on their own, which need --kind (listed as skipped without it).
            Files are stored in batches (--batch, \(DocumentImport.batchSize)), one flush each; a crash loses at
            most the batch in progress, and running the same import again stores it.
            One line per file. Exit status 0 when no file failed (skipped and held ones included), 1 otherwise.

            Example:
              ledgermail import acme invoices/*.xml
              ledgermail import acme invoices/2026-09/
              ledgermail import acme --kind receipt scans/taxi.pdf
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String
    @Option(help: "The kind of every file given (needed for a PDF or a picture; for UBL it overrides the party match).")
    var kind: DocumentKind?
    @Option(help: "Files per batch (one flush and one transaction each); 1 flushes after every file.")
    var batch = DocumentImport.batchSize
    @Argument(help: "UBL files (or PDFs, pictures, CODA statements), or folders of them.") var files: [String]

    func run() async throws {
        try checkSingleLine([dossier], name: "the dossier")
        let gateway = try await options.gateway()
        _ = try gateway.dossiers.named(dossier)
        var failures = 0
        var files: [URL] = []
        for entry in ImportSelection.entries(self.files) {
            if let reason = entry.skipped {
                say("skipped  \(entry.path.singleLine): \(reason)")
            } else if (try? InvalidInput.checkSingleLine(entry.path, name: "the file name")) == nil {
                failures += 1
                say("failed   \(entry.path.singleLine): the file name must be a single line")
            } else {
                files.append(URL(fileURLWithPath: entry.path))
            }
        }
        try gateway.imports.files(dossier: dossier, files: files, declaredKind: kind, batchSize: batch) { file, result in
            switch result {
            case .done(let outcome): say("\(Self.line(file.relativePath, outcome))")
            case .skipped(let reason): say("skipped  \(file.relativePath.singleLine): \(reason)")
            case .failed(let error):
                failures += 1
                say("failed   \(file.relativePath.singleLine): \(error)")
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
