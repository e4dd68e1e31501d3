import Foundation
import Testing
@testable import LedgerMail

@Suite("Embedded attachment base64")
struct AttachmentDecoderTests {
    func decoded(_ text: String) -> Data? {
        var text = text
        return text.withUTF8 { AttachmentDecoder.decodeSkippingWhitespace($0) }
    }

    @Test("wrapped, indented or CRLF base64 decodes to the bytes Foundation gives for it without whitespace")
    func sameAsFoundation() {
        var generator = SystemRandomNumberGenerator()
        for length in [0, 1, 2, 3, 4, 56, 57, 58, 1000, 65_537] {
            let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &generator) })
            let plain = bytes.base64EncodedString()
            let wrapped = bytes.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
            let indented = wrapped.split(separator: "\r\n").map { "\t  " + $0 }.joined(separator: "\n")
            for text in [plain, wrapped, indented, "\n " + plain + " \n"] {
                #expect(decoded(text) == bytes, "length \(length)")
            }
        }
    }

    /// Stricter than Foundation's decoder here, which turns "QU=D" into 2 bytes and "====" into 1.
    @Test("refused: other characters, padding anywhere but closing the last group, an unfinished group", arguments: [
        "QUJD!", "QU=D", "QQ==QQ==", "QQ==QUJD", "A===", "====", "QUJ", "QUJDRA", "QUJD RA=", "QUJD\u{0}",
    ])
    func refused(_ text: String) {
        #expect(decoded(text) == nil)
    }
}
