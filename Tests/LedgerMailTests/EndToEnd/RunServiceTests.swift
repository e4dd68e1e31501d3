import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// `ledgermail run` as a real process: killed hard in the middle of a batch, or stopped
/// gracefully, nothing is lost and at most the mail in flight goes twice.
@Suite("The run service", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct RunServiceTests {
    let directory: URL
    let config: URL

    init() throws {
        MailStack.reset()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-run-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        config = directory.appendingPathComponent("ledgermail.yaml")
        try """
            data_dir: data
            smtp:
              url: smtp://127.0.0.1:2525
            tls:
              ca_file: \(MailStack.caFile)
            bounce:
              address: bounces@gateway.test
            dispatch:
              delay: 0
            """.write(to: config, atomically: true, encoding: .utf8)
    }

    /// 200 invoices, each with a 256 KB PDF beside it so the batch takes long enough to interrupt.
    func importBatch() async throws -> Gateway {
        #expect(CommandLine.run(["init", "--config", config.path], in: directory).status == 0)
        let gateway = try Gateway(settings: try await SettingsLoader.load(configFile: config, environment: [:]))
        try gateway.dossiers.add(name: "acme", company: "Acme BV", vat: "BE0123456749", language: .nl, dispatch: .afterTenMinutes,
                               from: "acme@gateway.test", accountant: "boekhouder@acct.test", timeZone: "Europe/Brussels")
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["batch@acct.test"])
        let files = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let pdf = Data("%PDF-1.4\n".utf8) + Data((0..<(256 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 31) })
        let template = try String(contentsOf: Samples.salesInvoice, encoding: .utf8)
            .replacingOccurrences(of: "BE0123456749", with: "BE0403123486")   // Acme is the customer: a purchase
            .replacingOccurrences(of: "0123456749", with: "0403123486")
            .replacingOccurrences(of: "BE0876543270", with: "BE0123456749")
            .replacingOccurrences(of: "0876543270", with: "0123456749")
        for index in 1...200 {
            let name = String(format: "k%04d", index)
            try template.replacingOccurrences(of: "V2026-0042", with: "K-\(name)")
                .write(to: files.appendingPathComponent("\(name).xml"), atomically: true, encoding: .utf8)
            try pdf.write(to: files.appendingPathComponent("\(name).pdf"))
            guard case .stored(_, .purchaseInvoice?, .scheduled, _, _, _) = try gateway.imports.file(
                dossier: "acme", file: files.appendingPathComponent("\(name).xml")) else {
                Issue.record("import \(name) was not scheduled as a purchase invoice")
                throw StackError("import")
            }
        }
        return gateway
    }

    func states(_ gateway: Gateway) throws -> [DeliveryState: Int] {
        var counts: [DeliveryState: Int] = [:]
        for document in try gateway.status(dossier: "acme") { counts[document.deliveries[0].state, default: 0] += 1 }
        return counts
    }

    func startRun() throws -> Process {
        let process = Process()
        process.executableURL = CommandLine.binary
        process.arguments = ["run", "--config", config.path, "--interval", "1"]
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        return process
    }

    /// Waits until `run` has sent at least `count` (or the time is up).
    func waitUntilSent(_ count: Int, _ gateway: Gateway) async throws {
        let deadline = Date().addingTimeInterval(60)
        while (try states(gateway)[.sent] ?? 0) < count && Date() < deadline { try await Task.sleep(for: .milliseconds(10)) }
    }

    @Test("kill -9 in the middle of a 200-document batch, then restart: nothing lost, at most the in-flight mails (one per SMTP session) repeated")
    func killedMidBatch() async throws {
        let gateway = try await importBatch()
        let run = try startRun()
        try await waitUntilSent(20, gateway)
        kill(run.processIdentifier, SIGKILL)
        run.waitUntilExit()
        let interrupted = try states(gateway)
        #expect((interrupted[.sent] ?? 0) < 200, "the batch must be cut, not finished: \(interrupted)")

        let again = CommandLine.run(["run", "--once", "--config", config.path], in: directory)
        #expect(again.status == 0, "\(again.output)")
        #expect(try states(gateway) == [.sent: 200])
        let arrived = try await MailStack.waitForCount(200, in: "batch@acct.test")
        try await Task.sleep(for: .seconds(1))
        let messages = try MailStack.fetch("batch@acct.test")
        // The config leaves smtp.connections at its default: one mail in flight per session.
        #expect(arrived >= 200 && messages.count <= 200 + SMTPServer.defaultConnections, "\(messages.count) mails for 200 documents")
        #expect(Set(messages.map(\.message_id)).count == 200, "every document arrived")
    }

    @Test("SIGTERM: the service stops gracefully, nothing is left half-sent, the rest waits")
    func gracefulStop() async throws {
        let gateway = try await importBatch()
        let run = try startRun()
        try await waitUntilSent(20, gateway)
        kill(run.processIdentifier, SIGTERM)
        run.waitUntilExit()
        #expect(run.terminationReason == .exit && run.terminationStatus == 0)
        let counts = try states(gateway)
        #expect(counts[.sending] == nil, "no delivery left in flight: \(counts)")
        #expect((counts[.sent] ?? 0) + (counts[.scheduled] ?? 0) == 200)
    }

    @Test("send shows count, rate and ETA on a terminal, and nothing of it when piped")
    func progressOnlyOnATerminal() async throws {
        let gateway = try await importBatch()
        // On a pseudo-terminal (script(1) gives the command one): the progress line is drawn.
        let command = "\(CommandLine.binary.path) send acme --now --config \(config.path)"
        let terminal = MailStack.run("/usr/bin/script", ["-qec", command, "/dev/null"])
        #expect(terminal.status == 0, "\(terminal.output)")
        #expect(terminal.output.contains("/200") && terminal.output.contains("/s") && terminal.output.contains("ETA"),
                "\(terminal.output.suffix(300))")
        #expect(terminal.output.contains("sent 200"))
        // Piped: the summary line only.
        let more = directory.appendingPathComponent("more")
        try FileManager.default.createDirectory(at: more, withIntermediateDirectories: true)
        for file in try Samples.purchaseInvoices(10, in: more) { _ = try gateway.imports.file(dossier: "acme", file: file) }
        let piped = CommandLine.run(["send", "acme", "--now", "--config", config.path], in: directory)
        #expect(piped.status == 0 && piped.output.contains("sent 10") && !piped.output.contains("ETA"), "\(piped.output)")
    }
}
}
