import Foundation
import Testing
@testable import LedgerMail

/// Hostile values for names, numbers, subjects and file names.
enum HostileText {
    static let pieces = [
        "Acme", "Zoë", "Société Générale", "\"quoted\"", "'single'", "O'Brien & Zonen <BV>", "\r\n", "\n", "\r", "\r\nBcc: evil@example.com",
        "=?UTF-8?B?Zm9v?=", "/", "\\", "../", "..\\", "C:\\", "日本語", "Ελληνικά", "עברית", "🧾", "\t", ";", ",", ":", "=", "%2F",
        "\u{2028}", "\u{00A0}", " ", "  ", ".", "-", "_", "€", "ß", "(comment)", "[bracket]", "@", "<>",
    ]

    static func make(_ random: inout SeededRandom) -> String {
        if Int.random(in: 0..<10, using: &random) == 0 {
            return String(repeating: pieces.randomElement(using: &random)!, count: 300 / 4) + String(repeating: "x", count: 300)
        }
        return (0..<Int.random(in: 1...8, using: &random)).map { _ in pieces.randomElement(using: &random)! }.joined()
    }
}

extension RealStack {
/// 1,000 messages with hostile party names, numbers, subjects and file names: read back by
/// Python's `email` (strict policy) and, after real delivery, by Dovecot (IMAP BODYSTRUCTURE).
@Suite("Hostile messages, 1,000 of them")
struct HostileMessagePropertyTests {
    init() { MailStack.reset() }

    @Test("no defects, attachments byte-equal, names without path separators — before and after delivery")
    func thousandHostileMessages() async throws {
        var random = SeededRandom(state: 20261129)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var messages: [Data] = []
        var expected: [[String]] = []
        for index in 0..<1000 {
            let party = HostileText.make(&random), number = HostileText.make(&random)
            let fileName = HostileText.make(&random)
            let xml = Data("<Invoice>\(index) \(party)</Invoice>".utf8)
            let pdf = Data("%PDF-1.4\n".utf8) + Data((0..<Int.random(in: 10...5000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) })
            let base = index.isMultiple(of: 2) ? FileNaming.attachmentBase(number: number, importedFileName: fileName) : fileName
            let content = MailContent(
                from: Mailbox(displayName: party, address: try EmailAddress("acme@gateway.test")),
                to: [try EmailAddress("batch@acct.test")], replyTo: try EmailAddress("bounces@gateway.test"),
                subject: "\(party): factuur \(number) – \(HostileText.make(&random))",
                text: "Factuur \(number) van \(party)\n" + HostileText.make(&random),
                attachments: [MailAttachment(fileName: base + ".xml", mimeType: "application/xml", data: xml),
                              MailAttachment(fileName: base + ".pdf", mimeType: "application/pdf", data: pdf)],
                messageID: "<hostile-\(index)@gateway.test>", date: Date())
            let message = try MessageComposer.compose(content)
            messages.append(message)
            expected.append([BlobStore.sha256Hex(xml), BlobStore.sha256Hex(pdf)])
            try message.write(to: directory.appendingPathComponent(String(format: "%04d.eml", index)))
        }

        // 1. Python's email package, strict policy.
        let parsed = MailStack.run("/usr/bin/env", ["python3", "Tests/LedgerMailTests/Support/parse_eml.py", directory.path])
        try #require(parsed.status == 0, "parse_eml.py: \(parsed.output.prefix(500))")
        let decoded = try JSONDecoder().decode([String: ParsedEML].self, from: Data(parsed.output.utf8))
        #expect(decoded.count == 1000)
        var defects = 0, mismatches = 0, badNames = 0
        for index in 0..<1000 {
            guard let message = decoded[String(format: "%04d.eml", index)] else { continue }
            if !message.defects.isEmpty { defects += 1; if defects <= 3 { Issue.record("defects in \(index): \(message.defects)") } }
            if message.attachments.map(\.sha256) != expected[index] { mismatches += 1 }
            for name in message.attachments.map({ $0.filename ?? "" }) where name.isEmpty || name.contains("/") || name.contains("\\") {
                badNames += 1
                if badNames <= 3 { Issue.record("attachment name \(name.debugDescription) in \(index)") }
            }
        }
        #expect(defects == 0 && mismatches == 0 && badNames == 0)

        // 2. Delivered through Postfix, read back by Dovecot's own MIME parser.
        let client = try SMTPClient(server: MailStack.smtp)
        var accepted = 0
        for message in messages {
            let transfer = await client.send(envelopeFrom: try EmailAddress("bounces@gateway.test"),
                                             recipients: [try EmailAddress("batch@acct.test")], message: message)
            if case .accepted = transfer.outcome { accepted += 1 }
        }
        #expect(accepted == 1000)
        #expect(try await MailStack.waitForCount(1000, in: "batch@acct.test", seconds: 120) == 1000)
        let structure = MailStack.run("/usr/bin/env", ["python3", "Tests/LedgerMailTests/Support/bodystructure.py",
                                                       MailStack.host, "1143", MailStack.caFile, "batch@acct.test", MailStack.password])
        try #require(structure.status == 0, "bodystructure.py: \(structure.output.prefix(500))")
        let bodies = try JSONDecoder().decode([BodyStructure].self, from: Data(structure.output.utf8))
        #expect(bodies.count == 1000)
        #expect(bodies.allSatisfy { $0.application_parts == 2 }, "every message has its two attachments")
        let unsafe = bodies.flatMap(\.names).filter { $0.contains("/") || $0.contains("\\") }
        #expect(unsafe.isEmpty, "names with path separators: \(unsafe.prefix(3))")
        print("hostile messages: 1000 composed, \(decoded.count) parsed strictly, \(accepted) delivered, \(bodies.count) read back by Dovecot")
    }
}
}

struct BodyStructure: Decodable {
    var names: [String]
    var application_parts: Int
}
