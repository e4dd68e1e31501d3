import Foundation
import Testing
@testable import LedgerMail

/// A boolean setting is one of true|false|yes|no|on|off|1|0; anything else is refused, never
/// silently read as false.
@Suite("Boolean settings")
struct BooleanSettingTests {
    @Test("tls.insecure accepts the usual spellings, from the file and the environment", arguments: [
        ("true", true), ("yes", true), ("on", true), ("1", true), ("TRUE", true),
        ("false", false), ("no", false), ("off", false), ("0", false), ("Off", false),
    ])
    func accepted(text: String, value: Bool) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-bool-\(UUID().uuidString).yaml")
        try "tls:\n  insecure: \(text)\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(try await SettingsLoader.load(configFile: file, environment: [:]).tlsInsecure == value)
        #expect(try await SettingsLoader.load(configFile: file, environment: ["LEDGERMAIL_TLS_INSECURE": text]).tlsInsecure == value)
    }

    @Test("anything else is refused, naming the key or variable", arguments: ["garbage", "2", "enabled", "ja"])
    func refused(text: String) async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-bool-\(UUID().uuidString).yaml")
        try "{}\n".write(to: file, atomically: true, encoding: .utf8)
        await #expect { _ = try await SettingsLoader.load(configFile: file, environment: ["LEDGERMAIL_TLS_INSECURE": text]) } throws: {
            "\($0)".contains("LEDGERMAIL_TLS_INSECURE")
        }
    }
}
