import Foundation
import Testing
@testable import LedgerMail

@Suite("Composing mails no server rejects")
struct MessageComposerTests {
    static let hostile = [
        "Acme BV", "Zoë & Söhne \"Quoted\" <GmbH>", "Line\r\nBcc: evil@example.com", "=?UTF-8?B?Zm9v?= looks encoded",
        String(repeating: "Ab", count: 150), String(repeating: "é", count: 300), "../../etc/passwd", "C:\\Windows\\x",
        "日本語の請求書", "tab\there", "emoji 🧾 invoice", "trailing space ", "\u{2028}separator",
    ]

    static func content(name: String, index: Int) throws -> MailContent {
        MailContent(
            from: Mailbox(displayName: name, address: try EmailAddress("acme@gateway.test")),
            to: [try EmailAddress("inkoop@acct.test"), try EmailAddress("copy@acct.test")],
            replyTo: try EmailAddress("bounces@gateway.test"),
            subject: "Factuur \(name) \(index)",
            text: "Line one\nA very long line: " + String(repeating: "x", count: 2000) + "\n.\nMAIL FROM:<x@y.z>\r\nend",
            attachments: [
                MailAttachment(fileName: name + ".xml", mimeType: "application/xml", data: Data("<Invoice>\(index)</Invoice>".utf8)),
                MailAttachment(fileName: name + ".pdf", mimeType: "application/pdf", data: Data((0..<3000).map { UInt8(($0 * 7 + index) % 256) })),
            ],
            messageID: "<test-\(index)@gateway.test>", date: Date(timeIntervalSince1970: 1_790_000_000))
    }

    @Test("strict CRLF, short lines, 7-bit, and no header injection for hostile values")
    func wireFormat() throws {
        for (index, name) in Self.hostile.enumerated() {
            let bytes = [UInt8](try MessageComposer.compose(try Self.content(name: name, index: index)))
            for (offset, byte) in bytes.enumerated() {
                if byte == 10 { #expect(offset > 0 && bytes[offset - 1] == 13, "bare LF in message \(index)") }
                if byte == 13 { #expect(offset + 1 < bytes.count && bytes[offset + 1] == 10, "bare CR in message \(index)") }
                #expect(byte < 128, "8-bit byte in message \(index)")
            }
            let text = String(decoding: bytes, as: UTF8.self)
            let lines = text.components(separatedBy: "\r\n")
            for line in lines where line.utf8.count > 78 { Issue.record("line of \(line.utf8.count) in message \(index): \(line)") }
            let header = text.components(separatedBy: "\r\n\r\n")[0]
            #expect(!header.lowercased().contains("\r\nbcc:"), "header injection in message \(index)")
            #expect(text.contains("Auto-Submitted: auto-generated") && text.contains("MIME-Version: 1.0"))
        }
    }

    @Test("Python's email package (strict policy) reads every hostile message back: no defects, names without path separators, bytes equal")
    func independentParserReadsBack() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("compose-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var expected: [[String: String]] = []
        for (index, name) in Self.hostile.enumerated() {
            let content = try Self.content(name: name, index: index)
            try MessageComposer.compose(content).write(to: directory.appendingPathComponent("\(index).eml"))
            expected.append(["xml": BlobStore.sha256Hex(content.attachments[0].data),
                             "pdf": BlobStore.sha256Hex(content.attachments[1].data)])
        }
        let result = MailStack.run("/usr/bin/env", ["python3", "Tests/LedgerMailTests/Support/parse_eml.py", directory.path])
        try #require(result.status == 0, "parse_eml.py: \(result.output)")
        let parsed = try JSONDecoder().decode([String: ParsedEML].self, from: Data(result.output.utf8))
        #expect(parsed.count == Self.hostile.count)
        for (index, name) in Self.hostile.enumerated() {
            let message = try #require(parsed["\(index).eml"])
            #expect(message.defects.isEmpty, "defects in \(index): \(message.defects)")
            #expect(message.subject == "Factuur \(name) \(index)".singleLine)
            #expect(message.attachments.count == 2)
            for attachment in message.attachments {
                #expect(!(attachment.filename ?? "").contains("/") && !(attachment.filename ?? "").contains("\\"))
                #expect(!(attachment.filename ?? "").isEmpty)
            }
            #expect(message.attachments.map(\.sha256) == [expected[index]["xml"], expected[index]["pdf"]])
            #expect(message.body.contains(String(repeating: "x", count: 2000)), "long text line survives quoted-printable")
        }
    }

    @Test("attachment names: number sanitised, else the file name")
    func attachmentNames() {
        #expect(FileNaming.attachmentBase(number: "V01/15000001", importedFileName: "a.xml") == "V01_15000001")
        #expect(FileNaming.attachmentBase(number: "///", importedFileName: "factuur 12.xml") == "factuur_12")
        #expect(FileNaming.attachmentBase(number: "..", importedFileName: "x.xml") == "x")
        #expect(FileNaming.sanitized("Zoë/ü") == "Zo___")
    }
}

struct ParsedEML: Decodable {
    struct Attachment: Decodable {
        var filename: String?
        var sha256: String
    }
    var subject: String
    var body: String
    var attachments: [Attachment]
    var defects: [String]
}
