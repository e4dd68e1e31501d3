import ArgumentParser
import Foundation
import LedgerMail

struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify .eml files as the inbox reader would (bounce, delay, auto-reply, reply, …), with no side effect.",
        discussion: """
            LF or CRLF line ends. The VERP token is checked when run where an install's config is.

            Example:
              ledgermail classify --json bounces/*.eml
            """
    )

    @OptionGroup var options: GlobalOptions
    @Flag(help: "One JSON object per file per line.") var json = false
    @Argument(help: "Mail files.") var files: [String]

    func run() async throws {
        // Outside an install there is no key: the classification alone, VERP null.
        let gateway = try? await options.gateway()
        var failures = 0
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                failures += 1
                say("\(file.singleLine): error: no such file or not readable")
                continue
            }
            let report = gateway?.classify(data, file: file)
                ?? ClassificationReport(file: file, classification: InboundClassifier.classify(data), verp: nil)
            if json {
                print(try JSONLine.encode(report))
            } else {
                let recipients = report.classification.recipients.map { "\($0.address) \($0.status ?? "") \($0.reason)" }
                say("\(file.singleLine): \(report.classification.kind.rawValue)\(recipients.isEmpty ? "" : " — " + recipients.joined(separator: "; "))")
            }
        }
        if failures > 0 { throw ExitCode(1) }
    }
}
