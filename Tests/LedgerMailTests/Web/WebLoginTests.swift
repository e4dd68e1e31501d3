import Foundation
import GRDB
import Testing
@testable import LedgerMail

extension RealStack {
/// The login form on a running `serve`: what an anonymous visit costs the store.
@Suite("Web login", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct WebLoginTests {
    @Test("an anonymous GET /login writes no session row; logging in writes one, and a form without its login cookie is 403")
    func anonymousLoginFormStoresNothing() async throws {
        let install = try WebInstall()
        try await install.start()
        let database = try DatabaseQueue(path: install.directory.appendingPathComponent("data/ledgermail.sqlite").path)
        let sessions = { try database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM webSession") ?? -1 } }

        let anonymous = install.python("web_login.py", [WebInstall.password, "anonymous"])
        #expect(anonymous.status == 0, "\(anonymous.output)")
        #expect(try sessions() == 0)

        let login = install.python("web_login.py", [WebInstall.password, "login"])
        #expect(login.status == 0, "\(login.output)")
        #expect(try sessions() == 1, "only the logged-in session is stored")
    }
}
}
