import Foundation
import Testing
@testable import LedgerMail

@Suite("smtp.connections")
struct SMTPConnectionsSettingTests {
    func load(_ extra: String, environment: [String: String] = [:]) async throws -> Settings {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-sessions-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("ledgermail.yaml")
        try "smtp:\n  url: smtp://127.0.0.1:2525\n\(extra)".write(to: file, atomically: true, encoding: .utf8)
        return try await SettingsLoader.load(configFile: file, environment: environment)
    }

    @Test("2 when unset; the file's value, or the environment's over it")
    func values() async throws {
        #expect(try await load("").smtp?.connections == 2)
        #expect(try await load("  connections: 4\n").smtp?.connections == 4)
        #expect(try await load("  connections: 4\n", environment: ["LEDGERMAIL_SMTP_CONNECTIONS": "1"]).smtp?.connections == 1)
    }

    @Test("0, a negative number or more than 16 is refused, naming the key and the range", arguments: ["0", "-1", "17"])
    func outOfRange(value: String) async throws {
        await #expect { _ = try await load("  connections: \(value)\n") } throws: { "\($0)".contains("smtp.connections") && "\($0)".contains("1 to 16") }
    }
}
