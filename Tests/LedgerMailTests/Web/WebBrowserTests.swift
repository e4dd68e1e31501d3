import Foundation
import Testing
@testable import LedgerMail

/// Debian's Chromium with its driver and PyPI's selenium; `scripts/test` requires them.
enum Browser {
    static var available: Bool {
        ProcessInfo.processInfo.environment["LEDGERMAIL_REQUIRE_BROWSER"] == "1"
            || (FileManager.default.isExecutableFile(atPath: "/usr/bin/chromedriver")
                && MailStack.run("/usr/bin/env", ["python3", "-c", "import selenium"]).status == 0)
    }
}

extension RealStack {
/// The owner's and the accountant's day in a real browser against `serve` on the real mail
/// stack. Screenshots of each page land in `.build/test-output/web/`.
@Suite("In a browser", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"),
       .enabled(if: Browser.available, "needs chromium, chromium-driver and selenium (scripts/install-deps)"))
struct WebBrowserTests {
    @Test("owner sets BillMail, sees the documents, sends the quarter, sees a bounce; the accountant downloads it byte-equal; no JavaScript needed")
    func ownerAndAccountant() async throws {
        MailStack.reset()
        let install = try WebInstall()
        try install.ledgermail("dossier", "add", "gamma", "--company", "Gamma BV", "--vat", "BE0123456749",
                               "--from", "gamma@gateway.test", "--accountant", "boekhouder@acct.test")
        try await install.start()
        let screenshots = MailStack.repository.appendingPathComponent(".build/test-output/web")
        try? FileManager.default.removeItem(at: screenshots)
        let run = install.python("web_browser.py", [WebInstall.password, Samples.directory.path, screenshots.path])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains(" checks, 0 failure(s)"), "\(run.output)")
        // What the pages claimed, seen in the mailboxes: both purchase invoices, the sales invoice,
        // and one notification per quarter send.
        #expect(try await MailStack.waitForCount(2, in: "inkoop@acct.test") == 2)
        #expect(try MailStack.count("verkoop@acct.test") == 1)
        let notifications = try await MailStack.waitForCount(2, in: "boekhouder@acct.test")
        #expect(notifications == 2)
        let pages = try FileManager.default.contentsOfDirectory(atPath: screenshots.path).filter { $0.hasSuffix(".png") }
        #expect(pages.count >= 10, "\(pages.sorted())")
    }
}
}
