import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// Three `ledgermail run` processes on one PostgreSQL install and the real mail stack: one is
/// killed with SIGKILL in the middle of the batch; the others finish its work.
@Suite("Many workers on PostgreSQL",
       .enabled(if: TestPostgres.available && CommandLine.binaryExists, "needs PostgreSQL and .build/debug/ledgermail"))
struct ManyWorkersTests {
    static let documents = 1_000
    static let bouncing = 5

    /// The config of an install on `target`, with the mail stack's SMTP and IMAP.
    static func install(on target: PostgresSettings, in directory: URL) throws -> URL {
        let config = directory.appendingPathComponent("ledgermail.yaml")
        try """
            data_dir: data
            database:
              url: postgres://\(target.user)@\(target.host):\(target.port)/\(target.database)
            smtp:
              url: smtp://127.0.0.1:2525
            imap:
              url: imap://127.0.0.1:1143
              starttls: required
              username: bounces@gateway.test
            tls:
              ca_file: \(MailStack.caFile)
            bounce:
              address: bounces@gateway.test
            dispatch:
              delay: 0
            digest:
              enabled: false
            """.write(to: config, atomically: true, encoding: .utf8)
        return config
    }

    /// 1,000 purchase invoices to batch@ and five sales invoices to a mailbox that does not
    /// exist (each comes back as a bounce).
    static func importDocuments(_ gateway: Gateway, in directory: URL) throws {
        try gateway.dossiers.add(name: "acme", company: "Acme BV", vat: "BE0123456749", language: .nl, dispatch: .afterTenMinutes,
                                 from: "acme@gateway.test", accountant: "boekhouder@acct.test", timeZone: "Europe/Brussels")
        try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["batch@acct.test"])
        try gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["nobody@acct.test"])
        let files = directory.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: files, withIntermediateDirectories: true)
        let sales = try String(contentsOf: Samples.salesInvoice, encoding: .utf8)
        let purchase = sales.replacingOccurrences(of: "BE0123456749", with: "BE0403123486")
            .replacingOccurrences(of: "0123456749", with: "0403123486")
            .replacingOccurrences(of: "BE0876543270", with: "BE0123456749")
            .replacingOccurrences(of: "0876543270", with: "0123456749")
        let pdf = Data("%PDF-1.4\n".utf8) + Data(repeating: 0x41, count: 2048)
        var urls: [URL] = []
        for index in 1...documents {
            let name = String(format: "w%04d", index)
            try purchase.replacingOccurrences(of: "V2026-0042", with: "W-\(name)")
                .write(to: files.appendingPathComponent("\(name).xml"), atomically: true, encoding: .utf8)
            try pdf.write(to: files.appendingPathComponent("\(name).pdf"))
            urls.append(files.appendingPathComponent("\(name).xml"))
        }
        for index in 1...bouncing {
            let name = "b\(index)"
            try sales.replacingOccurrences(of: "V2026-0042", with: "B-\(name)")
                .write(to: files.appendingPathComponent("\(name).xml"), atomically: true, encoding: .utf8)
            try pdf.write(to: files.appendingPathComponent("\(name).pdf"))
            urls.append(files.appendingPathComponent("\(name).xml"))
        }
        var stored = 0
        try gateway.imports.files(dossier: "acme", files: urls) { _, result in
            if case .done(.stored) = result { stored += 1 }
        }
        #expect(stored == documents + bouncing)
    }

    static func startRun(_ config: URL, in directory: URL, log: URL) throws -> Process {
        let process = Process()
        process.executableURL = CommandLine.binary
        process.arguments = ["run", "--config", config.path, "--interval", "1"]
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["LEDGERMAIL_IMAP_PASSWORD"] = MailStack.password
        process.environment = environment
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }

    static func states(_ gateway: Gateway) throws -> [DeliveryState: Int] {
        try gateway.status.summary(DocumentFilter(dossier: "acme")).reduce(into: [:]) { $0[$1.state, default: 0] += $1.count }
    }

    @Test("three run workers, one killed with SIGKILL mid-batch: every document arrives once (but the killed one's mails in flight), status accounts for all, each bounce is applied once")
    func threeWorkersOneKilled() async throws {
        MailStack.reset()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-workers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let (states, documents, holders) = try await TestPostgres.withDatabase { target in
            let config = try Self.install(on: target, in: directory)
            #expect(CommandLine.run(["init", "--config", config.path], in: directory).status == 0)
            let gateway = try awaitBlocking { try Gateway(settings: try await SettingsLoader.load(configFile: config, environment: [:])) }
            try Self.importDocuments(gateway, in: directory)
            let workers = try (0..<3).map { try Self.startRun(config, in: directory, log: directory.appendingPathComponent("run\($0).log")) }
            defer { for worker in workers where worker.isRunning { worker.terminate(); worker.waitUntilExit() } }
            let deadline = Date().addingTimeInterval(240)
            while (try Self.states(gateway)[.sent] ?? 0) < 150 && Date() < deadline { usleep(20_000) }
            kill(workers[0].processIdentifier, SIGKILL)
            workers[0].waitUntilExit()
            #expect((try Self.states(gateway)[.sent] ?? 0) < Self.documents, "the batch must be cut, not finished")
            while Date() < deadline {
                let now = try Self.states(gateway)
                if now[.sent] == Self.documents && now[.bounced] == Self.bouncing { break }
                usleep(200_000)
            }
            let holders = try gateway.store.read { tx in try tx.claimHolders() }
                .map { "\($0) gone=\(SendWorker.isGoneFromThisMachine($0)) killed=\(workers[0].processIdentifier)" }
            return (try Self.states(gateway), try gateway.status(dossier: "acme"), holders)
        }
        #expect(states == [.sent: Self.documents, .bounced: Self.bouncing], "\(states); claims held by \(holders)")
        let arrived = try MailStack.fetch("batch@acct.test")
        #expect(Set(arrived.map(\.message_id)).count == Self.documents, "every document arrived")
        #expect(arrived.count <= Self.documents + SMTPServer.defaultConnections,
                "\(arrived.count) mails for \(Self.documents) documents: at most the killed worker's mails in flight again")
        for document in documents where document.state == .bounced {
            #expect(document.inbound.filter { $0.kind == .bounce }.count == 1, "document \(document.number): its bounce once")
        }
    }
}
}
