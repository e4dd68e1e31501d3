import ArgumentParser
import Foundation
import LedgerMail

struct InspectCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Show what LedgerMail reads from each file, with no side effect.",
        discussion: """
            With --dossier or --vat the kind is decided as that business sees the document.
            Exit status 1 when any file cannot be read.

            Examples:
              ledgermail inspect invoice.xml
              ledgermail inspect --json --vat BE0123456749 invoices/*.xml
            """
    )

    @OptionGroup var options: GlobalOptions
    @Flag(help: "One JSON object per file per line.") var json = false
    @Option(help: "Decide the kind as this dossier sees it.") var dossier: String?
    @Option(help: "Decide the kind as the business with this VAT / enterprise number sees it.") var vat: String?
    @Argument(help: "Files to inspect.") var files: [String]

    func run() async throws {
        var own: [String] = []
        if let dossier { own = try await options.gateway().dossiers.named(dossier).ownIdentifiers }
        if let vat {
            try InvalidInput.checkSingleLine(vat, name: "--vat")
            // A Belgian number is checked (mod 97); a foreign VAT number is taken as written.
            if let number = BelgianNumber.normalize(vat) {
                guard BelgianNumber.isValid(number) else {
                    throw ValidationError("--vat '\(vat)': the check digits are wrong (mod 97)")
                }
                own.append(number)
            } else {
                guard vat.contains(where: \.isNumber) else { throw ValidationError("--vat '\(vat)' is not a VAT number") }
                own.append(vat)
            }
        }
        // The configured limits when there is a config, the defaults otherwise.
        let limits = (try? await options.settings().limits) ?? InputLimits()
        let inspector = DocumentInspector(ownIdentifiers: own, limits: UBLReaderLimits(
            maxDocumentBytes: limits.documentBytes, maxAttachmentBytes: limits.attachmentBytes))
        var failures = 0
        for file in files {
            switch inspector.inspect(file: file) {
            case .success(let report):
                print(json ? try JSONLine.encode(report) : Self.table(report))
            case .failure(let error):
                failures += 1
                print(json ? try JSONLine.encode(error) : DisplayText.terminal("\(file): error: \(error.error)"))
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }

    static func table(_ report: InspectionReport) -> String {
        var lines = ["\(DisplayText.terminal(report.file))  [\(report.format.rawValue)] kind: \(report.kind)"]
        func add(_ label: String, _ value: String?) {
            if let value, !value.isEmpty { lines.append("  \(label.padding(toLength: 12, withPad: " ", startingAt: 0)) \(DisplayText.terminal(value))") }
        }
        add("document", [report.root, report.typeCode].compactMap { $0 }.joined(separator: " "))
        add("number", report.number)
        add("issued", report.issueDate)
        add("due", report.dueDate)
        add("supplier", [report.supplier.name, report.supplier.vat].compactMap { $0 }.joined(separator: ", "))
        add("customer", [report.customer.name, report.customer.vat].compactMap { $0 }.joined(separator: ", "))
        add("payable", [report.totals.payable, report.currency].compactMap { $0 }.joined(separator: " "))
        for attachment in report.attachments {
            add("attachment", "\(attachment.filename) \(attachment.mimeType ?? "") \(attachment.isPDF ? "(PDF)" : "")")
        }
        for warning in report.warnings { add("warning", warning) }
        return lines.joined(separator: "\n")
    }
}
