import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// The commands an office with many dossiers uses every day, as the `ledgermail` binary on the
/// real mail stack: the overview, sending everywhere, the service's log.
@Suite("Everyday command line", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct EverydayCommandTests {
    let directory: URL

    init() throws {
        MailStack.reset()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-everyday-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
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
            """.write(to: directory.appendingPathComponent("ledgermail.yaml"), atomically: true, encoding: .utf8)
    }

    func ledgermail(_ arguments: String...) -> (status: Int32, output: String) {
        CommandLine.run(arguments, in: directory)
    }

    /// Two dossiers, each with a purchase invoice due now and a sales invoice held (no route).
    func twoDossiers() {
        #expect(ledgermail("init").status == 0)
        for name in ["acme", "beta"] {
            #expect(ledgermail("dossier", "add", name, "--company", "\(name) BV", "--vat", "BE0123456749",
                               "--from", "\(name)@gateway.test", "--accountant", "boekhouder@acct.test").status == 0)
            #expect(ledgermail("route", "set", name, "purchase-invoice", "inkoop@acct.test").status == 0)
            #expect(ledgermail("import", name, Samples.purchaseInvoice.path, Samples.salesInvoice.path).status == 0)
        }
    }

    @Test("status --all --state narrows every dossier's documents, one line each, the dossier first")
    func statusAll() throws {
        twoDossiers()
        let held = ledgermail("status", "--all", "--state", "held")
        #expect(held.status == 0)
        let lines = held.output.split(separator: "\n")
        #expect(lines.count == 2 && lines[0].hasPrefix("acme #") && lines[1].hasPrefix("beta #"), "\(held.output)")
        #expect(lines.allSatisfy { $0.contains("sales-invoice held") })
        let json = ledgermail("status", "--all", "--kind", "purchase-invoice", "--json")
        let objects = try json.output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.map { $0["dossier"] as? String } == ["acme", "beta"] && objects.allSatisfy { $0["state"] as? String == "scheduled" })
        let refused = ledgermail("status", "--all", "--state", "lost")
        #expect(refused.status != 0 && refused.output.contains("is not one of"))
        #expect(ledgermail("status").status != 0, "a dossier or --all is needed")
    }

    @Test("status --summary counts documents per kind and state with the same filters, as text or one JSON object per line")
    func statusSummary() throws {
        twoDossiers()
        let text = ledgermail("status", "--all", "--summary")
        #expect(text.status == 0 && text.output.contains("purchase-invoice scheduled 2") && text.output.contains("sales-invoice held 2")
                && text.output.contains("4 document(s)"), "\(text.output)")
        let json = ledgermail("status", "acme", "--summary", "--state", "held", "--json")
        let objects = try json.output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 1 && objects[0]["kind"] as? String == "sales-invoice" && objects[0]["count"] as? Int == 1, "\(json.output)")
        #expect(ledgermail("status", "acme", "--summary", "--limit", "3").status != 0, "--limit does not apply to counts")
    }

    @Test("dossier list shows each dossier's counts, and --json one object per dossier")
    func dossierList() throws {
        twoDossiers()
        let text = ledgermail("dossier", "list")
        #expect(text.status == 0 && text.output.contains("acme") && text.output.contains("beta"), "\(text.output)")
        let json = ledgermail("dossier", "list", "--json")
        let objects = try json.output.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        #expect(objects.count == 2)
        let states = try #require(objects.first?["states"] as? [String: Int])
        #expect(states["scheduled"] == 1 && states["held"] == 1 && states["bounced"] == 0, "\(states)")
    }

    @Test("send --all sends what is due in every dossier on the real stack")
    func sendAll() async throws {
        twoDossiers()
        let sent = ledgermail("send", "--all")
        #expect(sent.status == 0 && sent.output.contains("sent 2"), "\(sent.output)")
        #expect(try await MailStack.waitForCount(2, in: "inkoop@acct.test") == 2)
        let overview = ledgermail("dossier", "list", "--json")
        #expect(overview.output.components(separatedBy: "\"sent_this_quarter\":1").count == 3, "\(overview.output)")
    }

    @Test("run logs each document sent at info level, as text and as JSON; --quiet keeps warnings only")
    func serviceLog() async throws {
        twoDossiers()
        // The service itself: start, the sent lines, stop on SIGTERM.
        let process = Process()
        process.executableURL = CommandLine.binary
        process.arguments = ["run", "--interval", "1"]
        process.currentDirectoryURL = directory
        let log = Pipe()
        process.standardError = log
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        _ = try await MailStack.waitForCount(2, in: "inkoop@acct.test")
        try await Task.sleep(for: .milliseconds(300))
        kill(process.processIdentifier, SIGTERM)
        let text = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        let sentLines = text.split(separator: "\n").filter { $0.contains(" info sent ") }
        #expect(sentLines.count == 2, "\(text)")
        #expect(sentLines.allSatisfy { $0.contains("route=purchase-invoice") && $0.contains("recipients=inkoop@acct.test")
            && $0.contains("reply=") && $0.contains("document=") }, "\(sentLines)")
        #expect(text.contains(" info start ") && text.contains(" info stop "), "\(text)")
        #expect(!text.contains("secret"))

        // JSON lines, from one pass: acme's held sales invoice is released to a new route.
        let config = directory.appendingPathComponent("ledgermail.yaml")
        try (try String(contentsOf: config, encoding: .utf8) + "\nlog:\n  format: json\n").write(to: config, atomically: true, encoding: .utf8)
        #expect(ledgermail("route", "set", "acme", "sales-invoice", "verkoop@acct.test").status == 0)
        let once = ledgermail("run", "--once")
        #expect(once.status == 0, "\(once.output)")
        let events = once.output.split(separator: "\n").filter { $0.hasPrefix("{") }.compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: String]
        }
        let sent = try #require(events.first { $0["event"] == "sent" }, "\(once.output)")
        #expect(sent["dossier"] == "acme" && sent["route"] == "sales-invoice" && sent["recipients"] == "verkoop@acct.test")
        #expect(sent["level"] == "info" && sent["ts"] != nil && sent["reply"]?.hasPrefix("250") == true && sent["message"] != nil, "\(sent)")

        // --quiet: the pass still sends, its info lines are gone.
        #expect(ledgermail("route", "set", "beta", "sales-invoice", "verkoop@acct.test").status == 0)
        let quiet = ledgermail("run", "--once", "--quiet")
        #expect(quiet.status == 0 && quiet.output.contains("sent 1") && !quiet.output.contains("\"event\":\"sent\""), "\(quiet.output)")
    }
}
}
