import Foundation
import Testing
@testable import LedgerMail

/// The composer was rewritten for speed (one pass into one buffer); these pin its output to the
/// bytes the first, simple version wrote, so `preview` and already sent Message-IDs stay comparable.
@Suite("Composing is byte-stable")
struct ComposeGoldenTests {
    /// SHA-256 of 300 messages composed by the first (String-based) composer, concatenated.
    static let goldenDigest = "c0bcb0cac036dd561b02bb07d5ea978f2fc5af6653756438246b3c87638681af"

    static func messages() throws -> [Data] {
        var random = SeededRandom(state: 20261201)
        var out: [Data] = []
        // Sizes around every base64 boundary: a group of 3, a line of 57, and a few lines.
        let sizes = [0, 1, 2, 3, 4, 55, 56, 57, 58, 59, 113, 114, 115, 116, 171, 1000, 3000, 100_000]
        for index in 0..<300 {
            let name = HostileText.make(&random)
            let size = index < sizes.count ? sizes[index] : Int.random(in: 0...9000, using: &random)
            let bytes = Data((0..<size).map { _ in UInt8.random(in: 0...255, using: &random) })
            let text = (0..<Int.random(in: 0...6, using: &random)).map { _ in HostileText.make(&random) }.joined(separator: "\n")
            let date = Date(timeIntervalSince1970: Double(Int.random(in: 0...4_000_000_000, using: &random)))
            let content = MailContent(
                from: Mailbox(displayName: name, address: try EmailAddress("acme@gateway.test")),
                to: [try EmailAddress("inkoop@acct.test")], replyTo: index.isMultiple(of: 3) ? nil : try EmailAddress("b@gateway.test"),
                subject: "Factuur \(name)", text: text,
                attachments: [MailAttachment(fileName: name + ".pdf", mimeType: "application/pdf", data: bytes),
                              MailAttachment(fileName: "x.xml", mimeType: "application/xml", data: Data(text.utf8))],
                messageID: "<golden-\(index)@gateway.test>", date: date)
            out.append(try MessageComposer.compose(content))
        }
        return out
    }

    @Test("300 messages (hostile names and texts, attachments of every base64 boundary size, dates across DST) are the pinned bytes")
    func pinnedBytes() throws {
        let all = try Self.messages().reduce(into: Data()) { $0.append($1) }
        #expect(BlobStore.sha256Hex(all) == Self.goldenDigest)
    }

    @Test("the one-pass base64 encoder writes what Foundation's line-wrapped base64 plus a final CRLF writes, for every length up to 400")
    func base64MatchesFoundation() {
        var random = SeededRandom(state: 7)
        for length in 0...400 {
            let data = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &random) })
            let foundation = data.base64EncodedData(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            let expected = foundation.isEmpty ? foundation : foundation + Data([13, 10])
            var out = [UInt8](repeating: 0, count: Base64Lines.encodedCount(length))
            let written = out.withUnsafeMutableBufferPointer { buffer in data.withUnsafeBytes { Base64Lines.encode($0, into: buffer.baseAddress!) } }
            #expect(written == out.count && Data(out) == expected, "length \(length)")
        }
    }
}
