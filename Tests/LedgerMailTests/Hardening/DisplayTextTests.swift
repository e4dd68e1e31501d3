import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// What documents and mail say is shown, never obeyed: control characters and bidi overrides
/// reach neither the terminal nor the accountant's mail client raw.
@Suite("Display text", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct DisplayTextTests {
    init() { MailStack.reset() }

    /// A purchase invoice whose number holds CR LF and a right-to-left override, and whose
    /// supplier name holds a bidi isolate: what a hostile supplier could send.
    func hostileInvoice(in directory: URL) throws -> URL {
        let template = try String(contentsOf: Samples.purchaseInvoice, encoding: .utf8)
        let url = directory.appendingPathComponent("hostile.xml")
        try template.replacingOccurrences(of: "LEV/2026/0815", with: "LEV&#13;&#10;42\u{202E}fdp.exe")
            .replacingOccurrences(of: "Leverancier NV", with: "Lever\u{2067}ancier NV")
            .write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    static let raw: [String] = ["\r", "\u{202E}", "\u{2067}"]

    @Test("import, status and status --json print control and bidi characters escaped")
    func terminal() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-display-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func ledgermail(_ arguments: String...) -> String { CommandLine.run(arguments, in: directory).output }
        _ = ledgermail("init")
        _ = ledgermail("dossier", "add", "acme", "--company", "Acme BV", "--vat", "BE0123456749",
                       "--from", "acme@gateway.test", "--accountant", "boekhouder@acct.test")
        _ = ledgermail("route", "set", "acme", "purchase-invoice", "inkoop@acct.test")
        let outputs = [ledgermail("import", "acme", try hostileInvoice(in: directory).path), ledgermail("status", "acme"),
                       ledgermail("status", "acme", "--json")]
        for output in outputs {
            for character in Self.raw { #expect(!output.contains(character), "raw \(character.unicodeScalars.first!.value) in \(output)") }
        }
        #expect(outputs[1].contains("\\u{202E}"), "\(outputs[1])")
        #expect(outputs[2].contains("\\u202e"), "\(outputs[2])")
        let object = try JSONSerialization.jsonObject(with: Data(outputs[2].utf8)) as? [String: Any]
        #expect((object?["number"] as? String)?.contains("\u{202E}") == true, "JSON still decodes to the value")
    }

    @Test("log lines show what they quote escaped: a name cannot forge or reorder a line of the journal")
    func logLines() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-log-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // The config's path is logged in the warning about its readable password.
        let config = directory.appendingPathComponent("evil\r\n2026-12-01 fake line\u{1B}[2J\u{202E}.yaml")
        try "data_dir: data\nsmtp:\n  url: smtps://mail.example.be:465\n  password: x\n".write(to: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: config.path)
        _ = CommandLine.run(["init", "--config", config.path], in: directory)
        let output = CommandLine.run(["status", "acme", "--config", config.path], in: directory).output
        #expect(output.contains("chmod 600"), "\(output)")
        for character in ["\r", "\u{1B}", "\u{202E}"] { #expect(!output.contains(character), "\(output)") }
        #expect(!output.contains("\n2026-12-01 fake line"), "\(output)")
    }

    @Test("a mail built from the document shows its bidi overrides escaped, in the subject and the body")
    func mail() async throws {
        let test = try TestGateway.make(imap: nil)
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        _ = try test.gateway.imports.file(dossier: "acme", file: try hostileInvoice(in: test.directory))
        #expect(try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting).sent == 1)
        let message = try #require(try await MailStack.waitFor(1, in: "inkoop@acct.test").first)
        let body = try #require(try MailStack.bodies("inkoop@acct.test").first)
        for text in [message.subject, body] {
            #expect(!text.contains("\u{202E}") && !text.contains("\u{2067}"), "\(text)")
        }
        #expect(message.subject.contains("\\u{202E}"), "\(message.subject)")
    }
}
}
