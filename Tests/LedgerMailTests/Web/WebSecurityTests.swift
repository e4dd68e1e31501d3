import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// The web's one access rule on a running `serve`: every route for every kind of visitor,
/// CSRF, login throttling, escaping of what documents carry, and no secret in the log.
@Suite("Web security", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct WebSecurityTests {
    @Test("every route answers each visitor by the rule: anonymous to login, unseen 404, read-only 403, CSRF 403, never 500")
    func accessMatrix() async throws {
        let install = try WebInstall()
        let hostile = install.directory.appendingPathComponent("hostile.xml")
        try String(contentsOf: Samples.purchaseInvoice, encoding: .utf8)
            .replacingOccurrences(of: "LEV/2026/0815", with: "LEV/2026/&lt;i&gt;0816")
            .replacingOccurrences(of: "Leverancier NV", with: "Leverancier &lt;script&gt;alert(1)&lt;/script&gt; NV")
            .write(to: hostile, atomically: true, encoding: .utf8)
        try install.ledgermail("import", "acme", Samples.purchaseInvoice.path, hostile.path)
        try await install.start()
        let probe = install.python("web_security.py", [WebInstall.password, install.logFile.path])
        #expect(probe.status == 0, "\(probe.output)")
        #expect(probe.output.contains(" checks, 0 failure(s)"), "\(probe.output)")
        let checks = Int(probe.output.components(separatedBy: "web security: ").last?.split(separator: " ").first ?? "") ?? 0
        #expect(checks > 100, "the probe ran \(checks) checks")
        #expect(!install.log().contains("internalServerError") && !install.log().contains("request /"), "\(install.log())")
    }
}
}
