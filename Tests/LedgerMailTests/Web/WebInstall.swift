import Foundation
import Testing
@testable import LedgerMail

/// A LedgerMail install with two dossiers, four accounts and `serve` running as a real process
/// on a loopback port, pointed at the real mail stack. The web tests drive it over HTTP
/// (Python's `requests`) and in a real browser (Selenium with Debian's Chromium).
final class WebInstall: @unchecked Sendable {
    let directory: URL
    let port: Int
    let logFile: URL
    var server: Process?
    static let password = "correct horse battery staple"

    var baseURL: String { "http://127.0.0.1:\(port)" }
    var config: URL { directory.appendingPathComponent("ledgermail.yaml") }

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-web-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        port = Int.random(in: 20000...40000)
        logFile = directory.appendingPathComponent("serve.log")
        try """
            data_dir: data
            smtp:
              url: smtp://127.0.0.1:2525
            imap:
              url: imap://127.0.0.1:1143
              username: bounces@gateway.test
              password: \(MailStack.password)
            tls:
              ca_file: \(MailStack.caFile)
            bounce:
              address: bounces@gateway.test
            dispatch:
              delay: 0
            web:
              listen: 127.0.0.1:\(port)

            """.write(to: config, atomically: true, encoding: .utf8)
        try ledgermail("init")
        for (name, company) in [("acme", "Acme <b>BV</b>"), ("beta", "Beta BV")] {
            try ledgermail("dossier", "add", name, "--company", company, "--vat", "BE0123456749", "--dispatch", "never",
                           "--from", "\(name)@gateway.test", "--accountant", "boekhouder@acct.test")
        }
        for (email, role, dossiers) in [("owner@acme.test", "owner", "acme"), ("owner@beta.test", "owner", "beta"),
                                        ("eva@acct.test", "accountant", "acme,beta"), ("tom@acct.test", "accountant", "beta")] {
            try ledgermail("user", "add", email, "--role", role, "--dossier", dossiers, "--password-stdin", input: Self.password)
        }
    }

    @discardableResult
    func ledgermail(_ arguments: String..., input: String? = nil) throws -> String {
        let result = CommandLine.run(arguments + ["--config", config.path], in: directory, input: input)
        guard result.status == 0 else { throw StackError("ledgermail \(arguments.joined(separator: " ")): \(result.output)") }
        return result.output
    }

    /// Starts `serve` and waits until it answers.
    func start() async throws {
        let process = Process()
        process.executableURL = CommandLine.binary
        process.arguments = ["serve", "--config", config.path]
        process.currentDirectoryURL = directory
        _ = FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let output = try FileHandle(forWritingTo: logFile)
        process.standardOutput = output
        process.standardError = output
        try process.run()
        server = process
        for _ in 0..<100 {
            if MailStack.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "\(baseURL)/login"]).status == 0 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw StackError("serve did not answer on \(baseURL): \(log(tail: 2000))")
    }

    func log(tail: Int = 100_000) -> String {
        String((try? String(contentsOf: logFile, encoding: .utf8))?.suffix(tail) ?? "")
    }

    /// Runs one of the Python scripts beside this file against the server.
    func python(_ script: String, _ arguments: [String] = []) -> (status: Int32, output: String) {
        let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(script).path
        return MailStack.run("/usr/bin/env", ["python3", path, baseURL, config.path, CommandLine.binary.path] + arguments)
    }

    deinit {
        server?.terminate()
        server?.waitUntilExit()
    }
}
