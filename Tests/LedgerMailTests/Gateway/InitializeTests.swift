import Foundation
import Testing
@testable import LedgerMail

@Suite("Initialise")
struct InitializeTests {
    @Test("init keeps the VERP key with its database; a database made anew gets a new key")
    func verpKeyFollowsTheDatabase() throws {
        let test = try TestGateway.make(smtp: nil, imap: nil)
        let settings = test.gateway.settings
        let first = try Data(contentsOf: settings.verpKeyPath)
        _ = try Gateway.initialize(settings: settings, exampleConfig: nil)
        #expect(try Data(contentsOf: settings.verpKeyPath) == first, "same database, same key")

        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: settings.databasePath + suffix) }
        _ = try Gateway.initialize(settings: settings, exampleConfig: nil)
        let renewed = try Data(contentsOf: settings.verpKeyPath)
        #expect(renewed != first, "old tokens cannot name the new database's deliveries")
        let mode = try FileManager.default.attributesOfItem(atPath: settings.verpKeyPath.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }
}
