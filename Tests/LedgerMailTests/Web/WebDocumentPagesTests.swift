import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// The delivery log of a big dossier comes a page at a time, never all at once.
@Suite("Web: the delivery log in pages", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct WebDocumentPagesTests {
    @Test("120 documents: the first page shows 100 and links the next with the filter kept; the next shows the other 20 and no link")
    func pages() async throws {
        let install = try WebInstall()
        let folder = install.directory.appendingPathComponent("many")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sample = try String(contentsOf: Samples.purchaseInvoice, encoding: .utf8)
        for index in 1...120 {
            try sample.replacingOccurrences(of: "<cbc:ID>LEV/2026/0815</cbc:ID>", with: "<cbc:ID>PAGE/\(index)</cbc:ID>")
                .write(to: folder.appendingPathComponent(String(format: "page-%03d.xml", index)), atomically: true, encoding: .utf8)
        }
        _ = try install.ledgermail("import", "acme", folder.path)
        try await install.start()

        let first = install.python("web_page.py", ["owner@acme.test", WebInstall.password, "/dossiers/acme/documents?kind=purchase-invoice"])
        #expect(first.status == 0 && first.output.hasPrefix("200"), "\(first.output.prefix(300))")
        let firstIDs = Self.documentIDs(first.output)
        #expect(firstIDs.count == 100 && firstIDs == firstIDs.sorted())
        let next = try #require(first.output.firstMatch(of: /<a rel="next" href="([^"]+)"/).map { String($0.1) }, "no next link")
            .replacingOccurrences(of: "&amp;", with: "&")
        #expect(next.contains("kind=purchase-invoice") && next.contains("after=\(firstIDs.last ?? 0)"), "\(next)")

        let second = install.python("web_page.py", ["owner@acme.test", WebInstall.password, next])
        let secondIDs = Self.documentIDs(second.output)
        #expect(secondIDs.count == 20 && Set(secondIDs).isDisjoint(with: firstIDs) && secondIDs.first ?? 0 > firstIDs.last ?? 0)
        #expect(!second.output.contains(#"rel="next""#))

        let refused = install.python("web_page.py", ["owner@acme.test", WebInstall.password, "/dossiers/acme/documents?after=yesterday"])
        #expect(refused.output.hasPrefix("400") && refused.output.contains("after must be a document number"), "\(refused.output.prefix(300))")
    }

    static func documentIDs(_ html: String) -> [Int64] {
        html.matches(of: /data-document-id="(\d+)"/).compactMap { Int64($0.1) }
    }
}
}
