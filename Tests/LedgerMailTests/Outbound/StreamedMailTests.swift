import Foundation
import Testing
@testable import LedgerMail

/// Large stored files are read and encoded as the mail is uploaded: the bytes must be the very
/// bytes `compose` writes for the same attachments in memory.
@Suite("Mails streamed from stored files")
struct StreamedMailTests {
    static func content(_ attachments: [MailAttachment]) throws -> MailContent {
        MailContent(from: Mailbox(displayName: "Zoë BV", address: try EmailAddress("acme@gateway.test")),
                    to: [try EmailAddress("inkoop@acct.test")], replyTo: nil, subject: "Factuur 1", text: "Beste,\nIn bijlage.\n",
                    attachments: attachments, messageID: "<s@gateway.test>", date: Date(timeIntervalSince1970: 1_790_000_000))
    }

    /// Everything a reader hands out, pulled `capacity` bytes at a time.
    static func drain(_ reader: MIMEReader, capacity: Int) -> Data? {
        var out = Data()
        var buffer = [UInt8](repeating: 0, count: capacity)
        while true {
            guard let count = buffer.withUnsafeMutableBytes({ reader.read(into: $0.baseAddress!, capacity: capacity) }) else { return nil }
            if count == 0 { return out }
            out.append(contentsOf: buffer[..<count])
        }
    }

    @Test("files read in pieces give the bytes compose gives from memory, whatever the upload buffer (1 byte to 64 KB)",
          arguments: [1, 77, 78, 1000, 16_384, 65_536])
    func sameBytes(capacity: Int) throws {
        var random = SeededRandom(state: UInt64(capacity))
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stream-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        var inMemory: [MailAttachment] = []
        var fromFiles: [MailAttachment] = []
        // Sizes around the reader's chunk (57 KB) and a base64 line, and an empty file.
        for (index, size) in [0, 1, 56, 57, 58, MIMEReader.chunk - 1, MIMEReader.chunk, MIMEReader.chunk * 2 + 5, 300_001].enumerated() {
            let data = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &random) })
            let file = directory.appendingPathComponent("\(index).bin")
            try data.write(to: file)
            inMemory.append(MailAttachment(fileName: "\(index).pdf", mimeType: "application/pdf", data: data))
            fromFiles.append(MailAttachment(fileName: "\(index).pdf", mimeType: "application/pdf", source: .file(file, count: size)))
        }
        let expected = try MessageComposer.compose(try Self.content(inMemory))
        let pieces = try MessageComposer.pieces(try Self.content(fromFiles))
        #expect(pieces.count == expected.count)
        #expect(Self.drain(MIMEReader(pieces), capacity: capacity) == expected)
        #expect(try pieces.render() == expected)
        #expect(Self.drain(MIMEReader(try MessageComposer.pieces(try Self.content(inMemory))), capacity: capacity) == expected)
    }

    @Test("a stored file that shrank after composing stops the upload with the reason, instead of sending a short mail")
    func shrunkFile() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("shrink-\(UUID().uuidString)")
        try Data(repeating: 7, count: 200_000).write(to: file)
        let pieces = try MessageComposer.pieces(try Self.content([
            MailAttachment(fileName: "a.pdf", mimeType: "application/pdf", source: .file(file, count: 200_000))]))
        try Data(repeating: 7, count: 1000).write(to: file)
        let reader = MIMEReader(pieces)
        #expect(Self.drain(reader, capacity: 65_536) == nil)
        #expect("\(reader.failure.map { "\($0)" } ?? "")".contains("ended early"))
    }
}
