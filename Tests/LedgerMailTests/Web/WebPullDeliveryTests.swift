import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// A pull route's delivery on the web's document page, before and after the accountant's
/// software acknowledges it over the feed API.
@Suite("Web: pull deliveries", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct WebPullDeliveryTests {
    struct Acknowledged: Decodable {
        let collectedAt: String
        enum CodingKeys: String, CodingKey { case collectedAt = "collected_at" }
    }

    @Test("the document page shows a pull delivery as published, then collected with the time and who collected it")
    func collectedLine() async throws {
        let install = try WebInstall()
        try install.ledgermail("route", "set", "acme", "purchase-invoice", "--pull")
        let imported = try install.ledgermail("import", "acme", Samples.purchaseInvoice.path)
        let id = try #require(imported.firstMatch(of: /document (\d+)/).map { String($0.1) }, "\(imported)")
        let token = RealStack.FeedAPITests.lastLine(try install.ledgermail("token", "add", "--user", "eva@acct.test"))
        try await install.start()
        let page = "/dossiers/acme/documents/\(id)"

        let before = install.python("web_page.py", ["owner@acme.test", WebInstall.password, page])
        #expect(before.status == 0 && before.output.hasPrefix("200"), "\(before.output)")
        #expect(try delivery(in: before.output).contains(#"data-state="published""#), "\(before.output)")
        #expect(!before.output.contains("eva@acct.test"), "\(before.output)")

        let answer = MailStack.run("/usr/bin/curl", ["-s", "-X", "POST", "-H", "Authorization: Bearer \(token)",
                                                     "\(install.baseURL)/api/v1/dossiers/acme/documents/\(id)/ack"]).output
        let ack = try JSONDecoder().decode(Acknowledged.self, from: Data(answer.utf8))

        for account in ["owner@acme.test", "eva@acct.test"] {
            let after = install.python("web_page.py", [account, WebInstall.password, page])
            #expect(after.status == 0 && after.output.hasPrefix("200"), "\(after.output)")
            let line = try delivery(in: after.output)
            #expect(line.contains(#"data-state="collected""#), "\(line)")
            // The time to the second, as the API answered it, then who: "· 2026-12-01T13:45:12Z · eva@acct.test".
            #expect(line.contains("· \(ack.collectedAt.prefix(19))"), "\(ack.collectedAt) not in \(line)")
            #expect(line.contains(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ · eva@acct\.test/), "\(line)")
        }
    }

    /// The page's one delivery card.
    func delivery(in html: String) throws -> String {
        let start = try #require(html.range(of: #"<section class="card delivery""#), "no delivery card in \(html)")
        let end = try #require(html[start.lowerBound...].range(of: "</section>"), "\(html)")
        return String(html[start.lowerBound..<end.upperBound])
    }
}
}
