import Foundation
import Testing
@testable import LedgerMail

/// A configuration LedgerMail refuses is reported by key and line, never by value: the file
/// holds passwords, and the error goes to standard error (the journal, under systemd).
@Suite("Configuration secrecy")
struct ConfigurationSecrecyTests {
    static let secret = "Zq7-SECRET-pw"

    /// Every malformed shape the outside probe tried, each with the secret in it.
    static let malformed: [String] = [
        "smtp:\n  url: smtp://x:25\n  password: \(secret)\n  url: smtp://y:25\n",          // duplicate key
        "smtp:\n  url: smtp://x:25\n  password: \(secret)\nsmtp:\n  username: a\n",        // duplicate section
        "smtp:\n  password: top: \(secret)\n",                                             // ': ' in a plain value
        "smtp:\n  password: \"a\\q\(secret)\"\n",                                          // a bad escape
        "smtp:\n  password: @\(secret)\n",                                                 // a leading @
        "smtp:\n  password: *\(secret)\n",                                                 // a leading * (alias)
        "smtp:\n  password: '\(secret)\n",                                                 // an unclosed quote
        "smtp:\n  password: [\(secret)\n",                                                 // an unclosed flow
        "smtp:\n\tpassword: \(secret)\n",                                                  // a tab for indent
        "\(secret)\n",                                                                     // not a mapping
        "smtp:\n  url: smtp://acme:\(secret)@x:25:99\n",                                   // a bad URL holding a password
        "smtp:\n  url: \(secret)\n",
        "smtp:\n  url: smtp://x:25\n  starttls: \(secret)\n",
        "tls:\n  insecure: \(secret)\n",
        "retry:\n  first: \(secret)\n",
        "limits:\n  document_bytes: \(secret)\n",
        "bounce:\n  address: \(secret)\n",
        "reply:\n  address: \(secret)@\n",
    ]

    func write(_ yaml: String) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-secrecy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("ledgermail.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test("a malformed configuration is refused naming the key or line, never repeating a value", arguments: malformed)
    func refusedWithoutValue(yaml: String) async throws {
        let file = try write(yaml)
        do {
            _ = try await SettingsLoader.load(configFile: file, environment: [:])
            Issue.record("accepted: \(yaml)")
        } catch {
            #expect(!"\(error)".contains(Self.secret), "\(error)")
            #expect("\(error)".contains("line") || "\(error)".contains("."), "names where: \(error)")
        }
    }

    @Test("a value from the environment is refused naming the variable, never the value")
    func environmentRefusedWithoutValue() async throws {
        let file = try write("smtp:\n  url: smtp://x:25\n")
        for variable in ["LEDGERMAIL_TLS_INSECURE", "LEDGERMAIL_SMTP_STARTTLS", "LEDGERMAIL_RETRY_FIRST", "LEDGERMAIL_BOUNCE_ADDRESS"] {
            await #expect { _ = try await SettingsLoader.load(configFile: file, environment: [variable: Self.secret]) } throws: {
                "\($0)".contains(variable) && !"\($0)".contains(Self.secret)
            }
        }
    }

    @Test("the program itself prints no secret of a malformed configuration, on stdout, stderr or the log",
          .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
    func programPrintsNoSecret() throws {
        for yaml in Self.malformed {
            let file = try write(yaml)
            for command in [["status", "acme"], ["send", "acme", "--verbose"], ["run", "--once", "--verbose"]] {
                let result = CommandLine.run(command + ["--config", file.path], in: file.deletingLastPathComponent())
                #expect(result.status != 0, "\(command) accepted \(yaml)")
                #expect(!result.output.contains(Self.secret), "\(command) printed the secret: \(result.output)")
            }
        }
    }
}
