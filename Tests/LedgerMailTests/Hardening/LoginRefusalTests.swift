import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// A refused SMTP login is our configuration, not the documents': the pass stops at once, no
/// delivery is touched, and `run` tries to log in again only after a growing wait. Mail
/// providers lock an account after a few failed logins.
@Suite("Refused SMTP login")
struct LoginRefusalTests {
    init() { MailStack.reset() }

    static let start = ISO8601DateFormatter().date(from: "2026-11-16T09:00:00Z")!

    func gateway(clock: TestGateway.Clock) throws -> TestGateway {
        let smtp = SMTPServer(url: URL(string: "smtp://127.0.0.1:2587")!, username: "acme@gateway.test", password: "wrong",
                              caFile: MailStack.caFile, heloName: "gateway.test")
        let test = try TestGateway.make(smtp: smtp, imap: nil, clock: clock, retry: RetryPolicy(first: 60, maximum: 200))
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        for file in try Samples.purchaseInvoices(5, in: test.directory) {
            _ = try test.gateway.imports.file(dossier: "acme", file: file)
        }
        return test
    }

    /// Failed logins Postfix has seen since the last reset.
    func failedLogins() -> Int {
        let log = MailStack.run("scripts/mailstack", ["log"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\n").filter { $0.contains("authentication failed") }.count
    }

    func deliveries(_ test: TestGateway) throws -> [DeliveryStatus] {
        try test.gateway.status(dossier: "acme").flatMap(\.deliveries)
    }

    @Test("a refused login stops the send pass at once: one login, no delivery touched, one clear error")
    func sendStops() async throws {
        let clock = TestGateway.Clock(Self.start)
        let test = try gateway(clock: clock)
        let baseline = failedLogins()
        let before = try deliveries(test)
        await #expect { _ = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting) } throws: { error in
            let text = "\(error)"
            return text.contains("smtp.password") && text.contains("535") && !text.contains("\n")
        }
        let after = try deliveries(test)
        #expect(after.map(\.state) == before.map(\.state) && after.allSatisfy { $0.state == .scheduled })
        #expect(after.allSatisfy { $0.attempts == 0 && $0.lastReply == nil && $0.messageID == nil }, "\(after)")
        try await Task.sleep(for: .milliseconds(500))
        #expect(failedLogins() - baseline == 1)
    }

    @Test("ledgermail send: exit 1 with one clear line", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
    func sendCommand() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-login-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = directory.appendingPathComponent("ledgermail.yaml")
        try """
            data_dir: data
            smtp:
              url: smtp://127.0.0.1:2587
              username: acme@gateway.test
              password: wrong
            tls:
              ca_file: \(MailStack.caFile)
            bounce:
              address: bounces@gateway.test
            """.write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config.path)
        func ledgermail(_ arguments: String...) -> (status: Int32, output: String) { CommandLine.run(arguments, in: directory) }
        _ = ledgermail("init")
        _ = ledgermail("dossier", "add", "acme", "--company", "Acme BV", "--vat", "BE0123456749",
                       "--from", "acme@gateway.test", "--accountant", "boekhouder@acct.test")
        _ = ledgermail("route", "set", "acme", "purchase-invoice", "inkoop@acct.test")
        for file in try Samples.purchaseInvoices(3, in: directory) { _ = ledgermail("import", "acme", file.path) }
        let result = ledgermail("send", "acme", "--now")
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 1 && lines[0].contains("refused the login"), "\(result.output)")
    }

    @Test("run logs in again only after retry.first, then twice as long, up to retry.maximum")
    func runBacksOff() async throws {
        let clock = TestGateway.Clock(Self.start)
        let test = try gateway(clock: clock)
        clock.advance(600)
        let baseline = failedLogins()
        var logins: [Int] = []
        // Passes at 0, 30, 60 (first retry), 90, 150, 180 (second, after 120), 330, 380 (third, after 200 = maximum).
        for step in [0.0, 30, 30, 30, 60, 30, 150, 50] {
            clock.advance(step)
            let pass = await test.gateway.runOnce()
            try await Task.sleep(for: .milliseconds(300))
            logins.append(failedLogins() - baseline)
            #expect(pass.errors.count <= 1)
        }
        #expect(logins == [1, 1, 2, 2, 2, 3, 3, 4], "\(logins)")
        #expect(try deliveries(test).allSatisfy { $0.state == .scheduled && $0.attempts == 0 })
    }
}
}
