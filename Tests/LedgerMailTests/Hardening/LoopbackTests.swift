import Foundation
import Testing
@testable import LedgerMail

/// Credentials without TLS only towards loopback: the literal `localhost`, or an address in
/// 127.0.0.0/8 or ::1. A host name is not loopback, whatever it resolves to.
@Suite("Loopback rule")
struct LoopbackTests {
    func load(_ url: String) async throws -> Settings {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-loopback-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("ledgermail.yaml")
        try "smtp:\n  url: \(url)\n  starttls: none\n  username: acme\n".write(to: file, atomically: true, encoding: .utf8)
        return try await SettingsLoader.load(configFile: file, environment: [:])
    }

    @Test("host names and look-alikes are not loopback", arguments: [
        "smtp://127.attacker.example:25", "smtp://127.0.0.1.nip.io:25", "smtp://localhost.attacker.example:25",
        "smtp://127.0.0.256:25", "smtp://[::2]:25", "smtp://0x7f.0.0.1:25", "smtp://127.1:25", "smtp://10.0.0.1:25",
    ])
    func notLoopback(url: String) async {
        await #expect(throws: (any Error).self) { _ = try await load(url) }
    }

    @Test("localhost, 127.0.0.0/8 and ::1 are loopback", arguments: [
        "smtp://localhost:25", "smtp://127.0.0.1:25", "smtp://127.255.3.4:2525", "smtp://[::1]:25", "smtp://LOCALHOST:25",
    ])
    func loopback(url: String) async throws {
        #expect(try await load(url).smtp != nil)
    }
}
