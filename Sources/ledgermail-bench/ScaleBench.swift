import ArgumentParser
import Foundation
import LedgerMail

/// Issue 10's scale figures on one big dossier: import rate, `status --summary`, `status --state
/// failed`, the quarter-end plan and the peak memory of `status --json`, each beside its goal.
/// The command-line figures run the real `ledgermail` as a child process (process start included).
struct Scale: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "status, its summary and filter, the quarter-end plan and memory on one dossier of 100,000 documents.")

    @Option(help: "Documents in the dossier.") var documents = 100_000
    @Option(help: "Of them, generated UBL files imported with `ledgermail import` (the import rate); the rest are written as rows.")
    var imported = 2_000
    @Option(help: "The ledgermail program (default: beside this one).") var binary: String?
    @Option(help: "The invoice the imported files are made from.") var sample = "samples/purchase-invoice-LEV-2026-0815.xml"
    @Option(help: "Keep the scratch install here.") var keep: String?
    @Option(help: ArgumentHelp("Measure on PostgreSQL: an empty database the rows are moved into with `ledgermail db copy` (scripts/postgres createdb NAME makes one).",
                               valueName: "postgres://user@host:port/database"))
    var databaseURL: String?

    func run() throws {
        let directory = try scratchDirectory(keep: keep)
        defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }
        var gateway = try Gateway.scratch(in: directory)
        let program = binary ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ledgermail").path
        let config = ["--config", directory.appendingPathComponent("ledgermail.yaml").path]
        func cli(_ arguments: String..., output: String = "/dev/null") throws -> ChildRun {
            try ChildRun(program, arguments + config, output: output)
        }

        _ = try cli("dossier", "add", "bench", "--company", "Acme BV", "--vat", "BE0123456749",
                    "--from", "Acme BV <acme@gateway.test>", "--accountant", "boekhouder@acct.test")
        for kind in DocumentKind.allCases { _ = try cli("route", "set", "bench", kind.rawValue, "inkoop@acct.test") }
        // Rows are written into SQLite (fast, no mail); PostgreSQL gets them the way an install
        // moves there. The files are imported last, on the engine measured.
        try gateway.seedSyntheticDocuments(dossier: "bench", count: documents - imported)
        var copy: ChildRun?
        if let databaseURL {
            copy = try cli("db", "copy", "--to", databaseURL)
            gateway = try gateway.onPostgres(databaseURL)
        }
        let folder = try writeInvoices(in: directory)
        let importRun = try cli("import", "bench", folder.path)

        let all = DocumentFilter(dossier: "bench")
        let failedOnly = DocumentFilter(dossier: "bench", states: [.failed])
        var failedCount = 0
        let summary = try median(5) { _ = try gateway.status.summary(all) }
        let failed = try median(5) { failedCount = 0; try gateway.status.each(failedOnly) { _ in failedCount += 1 } }
        // The command line's figures are the median of five runs: one run moves by tens of ms.
        func cliMedian(_ arguments: String...) throws -> Double {
            try (0..<5).map { _ in try ChildRun(program, arguments + config, output: "/dev/null").seconds }.sorted()[2]
        }
        let floor = try cliMedian("status", "bench", "--limit", "0")
        let summaryCLI = try cliMedian("status", "bench", "--summary")
        let failedCLI = try cliMedian("status", "bench", "--state", "failed")
        let plan = try cliMedian("send", "bench", "--period", "2026-Q4", "--dry-run")
        let memory = try [1_000, 10_000].map { try cli("status", "bench", "--json", "--limit", String($0)) }
        let whole = try cli("status", "bench", "--json")

        print("one dossier of \(documents) documents (\(imported) imported from UBL files, the rest written as rows), on \(databaseURL == nil ? "SQLite" : "PostgreSQL")")
        if let copy {
            row("ledgermail db copy (\(documents - imported) documents with their deliveries)", String(format: "%.1f s", copy.seconds), "")
        }
        row("import (ledgermail import, \(imported) files)", String(format: "%.0f documents/s", Double(imported) / importRun.seconds), "")
        row("ledgermail status --limit 0 (process start, the floor)", ms(floor), "")
        row("status --summary, in process", ms(summary), "goal < 100 ms")
        row("status --summary, command line", ms(summaryCLI), "goal < 100 ms")
        row("status --state failed (\(failedCount) documents), in process", ms(failed), "goal < 100 ms")
        row("status --state failed, command line", ms(failedCLI), "goal < 100 ms")
        row("send --period 2026-Q4 --dry-run (the plan)", ms(plan), "goal < 2 s")
        for (count, run) in zip(["1,000", "10,000"], memory) {
            row("status --json, \(count) documents: peak memory", String(format: "%.1f MB (%.1f s)", run.peakMegabytes, run.seconds), "")
        }
        row("status --json, whole dossier: peak memory", String(format: "%.1f MB (%.1f s)", whole.peakMegabytes, whole.seconds),
            String(format: "goal ≤ the 1,000's: %+.1f MB", whole.peakMegabytes - memory[0].peakMegabytes))
    }

    /// `imported` distinct invoices (their numbers differ) made from the sample.
    func writeInvoices(in directory: URL) throws -> URL {
        let folder = directory.appendingPathComponent("invoices")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let template = try String(contentsOfFile: sample, encoding: .utf8)
        for index in 0..<imported {
            let text = template.replacingOccurrences(of: "<cbc:ID>LEV/2026/0815</cbc:ID>", with: "<cbc:ID>SCALE/\(index)</cbc:ID>")
            try text.write(to: folder.appendingPathComponent(String(format: "scale-%06d.xml", index)), atomically: false, encoding: .utf8)
        }
        return folder
    }

    func row(_ what: String, _ figure: String, _ goal: String) {
        print(what.padding(toLength: 58, withPad: " ", startingAt: 0) + " " + figure.padding(toLength: 24, withPad: " ", startingAt: 0) + " " + goal)
    }
}
