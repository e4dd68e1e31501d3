import Foundation
import Testing
@testable import LedgerMail

/// `ledgermail import DOSSIER FOLDER`: what a folder stands for.
@Suite("import of a folder", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct ImportFolderTests {
    @Test("a folder: UBL with its NAME.pdf, CODA recognised, in path order; a lone PDF and other files listed as skipped, exit 0")
    func folder() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-folder-\(UUID().uuidString)")
        let folder = directory.appendingPathComponent("export")
        let fm = FileManager.default
        for sub in ["a", "b/c"] { try fm.createDirectory(at: folder.appendingPathComponent(sub), withIntermediateDirectories: true) }
        try fm.copyItem(at: Samples.salesInvoice, to: folder.appendingPathComponent("a/sale.xml"))
        try fm.copyItem(at: Samples.salesInvoicePDF, to: folder.appendingPathComponent("a/sale.pdf"))
        try fm.copyItem(at: Samples.purchaseInvoice, to: folder.appendingPathComponent("b/c/purchase.xml"))
        try fm.copyItem(at: Samples.salesInvoicePDF, to: folder.appendingPathComponent("b/scan.pdf"))
        let coda = MailStack.repository.appendingPathComponent("Tests/LedgerMailTests/Fixtures/coda-statement.cod")
        try fm.copyItem(at: coda, to: folder.appendingPathComponent("b/statement.txt"))
        try "notes".write(to: folder.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
        try "hidden".write(to: folder.appendingPathComponent(".DS_Store"), atomically: true, encoding: .utf8)
        for arguments in [["init"], ["dossier", "add", "acme", "--company", "Acme BV", "--vat", "BE0123456749",
                                     "--from", "acme@gateway.test", "--accountant", "boekhouder@acct.test"]] {
            #expect(CommandLine.run(arguments, in: directory).status == 0)
        }

        let result = CommandLine.run(["import", "acme", "export"], in: directory)
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 5, "\(lines)")
        #expect(lines.contains { $0.hasPrefix("skipped  export/notes.md") })
        #expect(lines.contains { $0.hasPrefix("skipped  export/b/scan.pdf") && $0.contains("--kind") })
        let stored = lines.filter { $0.hasPrefix("stored") }
        #expect(stored.map { $0.split(separator: ":")[0] } == ["stored   export/a/sale.xml", "stored   export/b/c/purchase.xml",
                                                              "stored   export/b/statement.txt"])
        #expect(stored[2].contains("coda"))
        let status = CommandLine.run(["status", "acme", "--json"], in: directory)
        #expect(status.output.split(separator: "\n").count == 3)

        let again = CommandLine.run(["import", "acme", "--kind", "receipt", "export/b"], in: directory)
        #expect(again.status == 0)
        #expect(again.output.contains("stored   export/b/scan.pdf") && again.output.contains("receipt"), "\(again.output)")
    }
}
