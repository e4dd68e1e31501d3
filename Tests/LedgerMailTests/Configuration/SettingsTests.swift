import Foundation
import Testing
@testable import LedgerMail

@Suite("Settings")
struct SettingsTests {
    let directory: URL
    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func write(_ yaml: String) throws -> URL {
        let file = directory.appendingPathComponent("ledgermail.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("the example config loads, with paths relative to the file")
    func exampleLoads() async throws {
        let example = try #require(ResourceLocator.find("config", marker: "ledgermail.example.yaml"))
        let file = try write(try String(contentsOf: example.appendingPathComponent("ledgermail.example.yaml"), encoding: .utf8))
        let settings = try await SettingsLoader.load(configFile: file, environment: [:])
        #expect(settings.dataDirectory.standardizedFileURL == directory.appendingPathComponent("ledgermail-data").standardizedFileURL)
        #expect(settings.smtp?.url.absoluteString == "smtp://127.0.0.1:2525")
        #expect(settings.smtp?.requireSTARTTLS == true)
        #expect(settings.imap?.username == "bounces@gateway.test")
        #expect(settings.bounceAddress?.value == "bounces@gateway.test")
        #expect(settings.replyAddress == settings.bounceAddress)
        #expect(settings.dispatchDelay == 600)
    }

    @Test("LEDGERMAIL_ variables override the file, key by key")
    func environmentOverrides() async throws {
        let file = try write("smtp:\n  url: smtp://mail.example.be:25\n  username: acme\nbounce:\n  address: b@gateway.test\n")
        let settings = try await SettingsLoader.load(configFile: file, environment: [
            "LEDGERMAIL_SMTP_PASSWORD": "s3cret", "LEDGERMAIL_SMTP_URL": "smtps://mail.example.be:465",
            "LEDGERMAIL_DATA_DIR": "/var/lib/ledgermail", "LEDGERMAIL_TLS_CA_FILE": "ca.pem", "SMTP_URL": "smtp://ignored:1",
        ])
        #expect(settings.smtp?.url.absoluteString == "smtps://mail.example.be:465")
        #expect(settings.smtp?.username == "acme" && settings.smtp?.password == "s3cret")
        #expect(settings.dataDirectory.path == "/var/lib/ledgermail")
        #expect(settings.smtp?.caFile == directory.appendingPathComponent("ca.pem").path)
    }

    @Test("bad values are refused with the key named", arguments: [
        "smtp:\n  url: http://x\n", "smtp:\n  url: smtp://x:25\n  starttls: maybe\n", "bounce:\n  address: not an address\n",
        "bounce:\n  address: a-very-long-bounce-mailbox-name@gateway.test\n",
        "smtp:\n  url: smtp://mail.example.be:25\n  starttls: none\n  username: acme\n",
        "imap:\n  url: imap://mail.example.be:143\n  starttls: none\n  username: acme\n",
    ])
    func badValues(yaml: String) async throws {
        let file = try write(yaml)
        await #expect(throws: MalformedConfiguration.self) { _ = try await SettingsLoader.load(configFile: file, environment: [:]) }
    }

    @Test("sending without smtp.url or bounce.address says which key is missing")
    func missingKeys() async throws {
        let settings = try await SettingsLoader.load(configFile: try write("{}\n"), environment: [:])
        #expect { try settings.requireSMTP() } throws: { "\($0)".contains("smtp.url") }
        #expect { try settings.requireBounceAddress() } throws: { "\($0)".contains("bounce.address") }
    }

    @Test("retry.* and limits.* are read, sizes with units or in bytes")
    func retryAndLimits() async throws {
        let file = try write("retry:\n  first: 60\n  maximum: 600\n  give_up_after: 3600\nlimits:\n  document_bytes: 10MB\n  attachment_bytes: 1048576\n  inbound_bytes: 20MB\n")
        let settings = try await SettingsLoader.load(configFile: file, environment: [:])
        #expect(settings.retry == RetryPolicy(first: 60, maximum: 600, giveUpAfter: 3600))
        #expect(settings.limits == InputLimits(documentBytes: 10 << 20, attachmentBytes: 1 << 20, inboundBytes: 20 << 20))
        let start = Date(timeIntervalSince1970: 0)
        #expect(settings.retry.nextAttempt(attempts: 1, firstAttempt: start, now: start) == start.addingTimeInterval(60))
        #expect(settings.retry.nextAttempt(attempts: 5, firstAttempt: start, now: start.addingTimeInterval(3500)) == nil, "given up")
    }
}
