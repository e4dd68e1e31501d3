import Foundation
import Testing
@testable import LedgerMail

@Suite("Digest settings")
struct DigestSettingsTests {
    func load(_ yaml: String, environment: [String: String] = [:]) async throws -> Settings {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-digest-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("ledgermail.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try await SettingsLoader.load(configFile: file, environment: environment)
    }

    @Test("on, hourly, by default; digest.enabled and digest.interval change that, from the file or the environment")
    func keys() async throws {
        #expect(try await load("data_dir: x\n").digest == DigestSettings(enabled: true, interval: 3600))
        #expect(try await load("digest:\n  enabled: false\n  interval: 900\n").digest == DigestSettings(enabled: false, interval: 900))
        #expect(try await load("data_dir: x\n", environment: ["LEDGERMAIL_DIGEST_INTERVAL": "60"]).digest.interval == 60)
    }

    @Test("an interval of 0 or less is refused, naming the key")
    func badInterval() async throws {
        await #expect { try await load("digest:\n  interval: 0\n") } throws: {
            ($0 as? MalformedConfiguration)?.description.contains("digest.interval") == true
        }
    }
}
