import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// The documents feed on a running `serve`, driven over HTTP with real tokens.
@Suite("Feed API", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct FeedAPITests {
    /// An install whose two dossiers pull purchase invoices and mail sales invoices, with a
    /// token for eva (both dossiers), one for tom (beta) and a revoked one.
    static func pullingInstall() throws -> (install: WebInstall, tokens: [String], mailed: String) {
        let install = try WebInstall()
        for dossier in ["acme", "beta"] {
            try install.ledgermail("route", "set", dossier, "purchase-invoice", "--pull")
            try install.ledgermail("import", dossier, Samples.purchaseInvoice.path)
        }
        try install.ledgermail("route", "set", "acme", "sales-invoice", "verkoop@acct.test")
        try install.ledgermail("import", "acme", Samples.salesInvoice.path)
        let tokens = try ["eva@acct.test", "tom@acct.test", "tom@acct.test"].map { user in
            try lastLine(install.ledgermail("token", "add", "--user", user))
        }
        try install.ledgermail("token", "revoke", "3")
        let status = try install.ledgermail("status", "acme", "--json")
        let documents = status.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
        let mailed = documents.first { $0["kind"] as? String == "sales-invoice" }.flatMap { $0["id"] as? Int }.map(String.init) ?? "0"
        return (install, tokens, mailed)
    }

    static func lastLine(_ output: String) -> String {
        output.split(separator: "\n").last.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
    }

    @Test("a document without issue date, counterparty or earlier version shows each as an explicit null in the feed's JSON")
    func explicitNulls() async throws {
        let install = try WebInstall()
        try install.ledgermail("route", "set", "acme", "purchase-invoice", "--pull")
        try install.ledgermail("import", "acme", Samples.salesInvoicePDF.path, "--kind", "purchase-invoice")
        let token = Self.lastLine(try install.ledgermail("token", "add", "--user", "eva@acct.test"))
        try await install.start()
        let feed = MailStack.run("/usr/bin/curl", ["-s", "-H", "Authorization: Bearer \(token)",
                                                   "\(install.baseURL)/api/v1/dossiers/acme/documents"]).output
        // As sent: a key with `null` is not the same answer as a key left out.
        let field = { (key: String, value: String) in try Regex(#""\#(key)"\s*:\s*\#(value)"#) }
        #expect(feed.contains(try field("kind", #""purchase-invoice""#)), "\(feed)")
        for key in ["issue_date", "counterparty", "supersedes"] {
            #expect(feed.contains(try field(key, "null")), "\(key) is not null in \(feed)")
        }
    }

    @Test("tokens see their dossiers only (404 otherwise), revoked is 401, files are byte-equal with ETag and Range, acks are idempotent")
    func feedOverHTTP() async throws {
        let (install, tokens, mailed) = try Self.pullingInstall()
        try await install.start()
        let probe = install.python("../Feed/feed_api.py", tokens + [mailed, WebInstall.password])
        #expect(probe.status == 0, "\(probe.output)")
        #expect(probe.output.contains("feed api: 0 failure(s)"), "\(probe.output)")
        let status = try install.ledgermail("status", "acme")
        #expect(status.contains("collected") && status.contains("by eva@acct.test"), "\(status)")
        #expect(!install.log().contains("api-error"), "\(install.log())")
        let routes = try install.ledgermail("route", "list", "acme", "--json")
        #expect(routes.contains(#""kind":"coda""#) && routes.split(separator: "\n").contains { $0.contains(#""kind":"coda""#) && $0.contains(#""pull":true"#) },
                "\(routes)")
    }
}
}
