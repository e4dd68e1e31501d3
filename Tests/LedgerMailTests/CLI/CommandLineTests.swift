import Foundation
import Testing
@testable import LedgerMail

/// The `ledgermail` binary as a user meets it: exit codes, messages, --help.
/// `scripts/test` builds it before the tests run.
@Suite("Command line", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail: run `swift build` first"))
struct CommandLineTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    func ledgermail(_ arguments: String...) -> (status: Int32, output: String) {
        CommandLine.run(arguments, in: directory)
    }

    func initialised() -> (status: Int32, output: String) {
        _ = ledgermail("init")
        return ledgermail("dossier", "add", "acme", "--company", "Acme BV", "--vat", "BE0123456749",
                          "--from", "Acme BV <acme@gateway.test>", "--accountant", "boekhouder@acct.test")
    }

    @Test("init creates what is missing and never overwrites the config")
    func initIsIdempotent() throws {
        let first = ledgermail("init")
        #expect(first.status == 0)
        #expect(first.output.contains("created") && first.output.contains("ledgermail.yaml"))
        let config = directory.appendingPathComponent("ledgermail.yaml")
        try "data_dir: elsewhere\n".write(to: config, atomically: true, encoding: .utf8)
        let second = ledgermail("init")
        #expect(second.status == 0)
        #expect(try String(contentsOf: config, encoding: .utf8) == "data_dir: elsewhere\n")
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("elsewhere/verp.key").path))
    }

    @Test("a CR or LF in a command-line value is refused with a non-zero exit")
    func lineBreakRefused() {
        _ = ledgermail("init")
        let result = ledgermail("dossier", "add", "acme", "--company", "Acme\r\nBcc: x@example.com", "--vat", "BE0123456749",
                                "--from", "acme@gateway.test", "--accountant", "boekhouder@acct.test")
        #expect(result.status != 0)
        #expect(result.output.contains("single line"))
        let route = ledgermail("route", "set", "acme", "purchase-invoice", "inkoop@acct.test\nRCPT TO:<x@y.z>")
        #expect(route.status != 0)
    }

    @Test("wrong mod-97 check digits and an invalid route address are refused, naming the problem")
    func badValues() {
        _ = ledgermail("init")
        let vat = ledgermail("dossier", "add", "acme", "--company", "Acme", "--vat", "BE0123456748",
                             "--from", "acme@gateway.test", "--accountant", "boekhouder@acct.test")
        #expect(vat.status != 0 && vat.output.contains("check digits"))
        #expect(initialised().status == 0)
        let route = ledgermail("route", "set", "acme", "purchase-invoice", "inkoop-at-acct.test")
        #expect(route.status != 0 && route.output.contains("not a valid e-mail address"))
        #expect(ledgermail("route", "list", "acme").output.contains("no routes yet"))
    }

    @Test("import: one line per file, exit 1 when any failed, the others still stored")
    func importExitCodes() throws {
        #expect(initialised().status == 0)
        _ = ledgermail("route", "set", "acme", "purchase-invoice", "inkoop@acct.test")
        let notUBL = directory.appendingPathComponent("page.xml")
        try "<html/>".write(to: notUBL, atomically: true, encoding: .utf8)
        let result = ledgermail("import", "acme", Samples.purchaseInvoice.path, notUBL.path,
                                directory.appendingPathComponent("missing.xml").path, Samples.unknownParty.path)
        #expect(result.status == 1)
        let lines = result.output.split(separator: "\n")
        #expect(lines.count == 4)
        #expect(lines[0].hasPrefix("stored") && lines[0].contains("purchase-invoice, scheduled"))
        #expect(lines[1].hasPrefix("failed") && lines[1].contains("page.xml"))
        #expect(lines[2].hasPrefix("failed") && lines[2].contains("no such file"))
        #expect(lines[3].hasPrefix("stored") && lines[3].contains("held"))
        let again = ledgermail("import", "acme", Samples.purchaseInvoice.path)
        #expect(again.status == 0 && again.output.contains("already imported"))
        let json = ledgermail("status", "acme", "--json")
        #expect(json.output.split(separator: "\n").count == 2)
        // Every key on every line, null when unknown.
        for key in ["\"held_reason\":null", "\"bounce\":null", "\"sent_at\":null", "\"message_id\":null", "\"kind\":null",
                    "\"last_reply\":null"] {
            #expect(json.output.contains(key), "\(key) in \(json.output)")
        }
        for line in json.output.split(separator: "\n") {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            let delivery = try #require((object["deliveries"] as? [[String: Any]])?.first)
            #expect(delivery["id"] is Int && delivery.keys.contains("last_reply"), "\(delivery)")
        }
    }

    @Test("every command's --help shows an example", arguments: [
        ["init"], ["dossier", "add"], ["dossier", "set"], ["dossier", "show"], ["dossier", "list"], ["dossier", "remove"],
        ["route", "set"], ["route", "remove"], ["route", "list"], ["import"], ["send"], ["run"], ["status"], ["review"],
    ])
    func helpHasExample(command: [String]) {
        let result = CommandLine.run(command + ["--help"], in: directory)
        #expect(result.status == 0)
        #expect(result.output.lowercased().contains("example"), "\(command): \(result.output)")
    }

    @Test("commands before init say to run init")
    func beforeInit() {
        let result = ledgermail("route", "list", "acme")
        #expect(result.status != 0 && result.output.contains("ledgermail init"))
    }
}

extension CommandLine {
    static let binary = MailStack.repository.appendingPathComponent(".build/debug/ledgermail")
    static var binaryExists: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    /// Runs the binary in `directory`; `input`, when given, is its standard input; `prefix` runs
    /// it through another program (`setpriv …`).
    static func run(_ arguments: [String], in directory: URL, input: String? = nil, prefix: [String] = []) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = prefix.first.map { URL(fileURLWithPath: $0) } ?? binary
        process.arguments = prefix.isEmpty ? arguments : Array(prefix.dropFirst()) + [binary.path] + arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("LEDGERMAIL_") }
        environment["COLUMNS"] = "200"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        let stdin = Pipe()
        if input != nil { process.standardInput = stdin }
        do { try process.run() } catch { return (-1, "\(error)") }
        if let input {
            stdin.fileHandleForWriting.write(Data(input.utf8))
            try? stdin.fileHandleForWriting.close()
        }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
