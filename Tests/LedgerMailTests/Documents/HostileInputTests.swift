@testable import LedgerMail
import Foundation
import Testing

@Suite("Hostile and broken input")
struct HostileInputTests {
    let reader = UBLReader()

    private func readError(_ data: Data, limits: UBLReaderLimits = .init()) -> UBLReadError? {
        do {
            _ = try UBLReader(limits: limits).read(data)
            return nil
        } catch {
            return error
        }
    }

    @Test("XXE reading /etc/passwd is refused before parsing")
    func externalEntity() {
        let xml = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE Invoice [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                     xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:ID>&xxe;</cbc:ID>
            </Invoice>
            """
        let error = readError(Data(xml.utf8))
        #expect(error == .forbiddenDTD)
        #expect(error?.description.contains("root:") == false)
    }

    @Test("billion laughs is refused before parsing")
    func billionLaughs() {
        var xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n"
        for level in 1...9 {
            let previous = level == 1 ? "lol" : "lol\(level - 1)"
            xml += " <!ENTITY lol\(level) \"" + String(repeating: "&\(previous);", count: 10) + "\">\n"
        }
        xml += "]>\n<Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\">&lol9;</Invoice>"
        #expect(readError(Data(xml.utf8)) == .forbiddenDTD)
    }

    @Test("a DOCTYPE hidden behind a BOM, whitespace, comments and odd case is still found")
    func disguisedDoctype() {
        let xml = "\u{FEFF}  \n<?xml version=\"1.0\"?>\n<!-- <Invoice> -->\n<?pi x?>\n<!doctype Invoice SYSTEM \"http://evil/x.dtd\">\n<Invoice/>"
        #expect(readError(Data(xml.utf8)) == .forbiddenDTD)
        // The same document in UTF-16, both byte orders, with and without
        // BOM: the guard reads code units, not bytes.
        let body = String(xml.dropFirst())
        let utf16Variants = [
            Data([0xFE, 0xFF]) + (body.data(using: .utf16BigEndian) ?? Data()),
            Data([0xFF, 0xFE]) + (body.data(using: .utf16LittleEndian) ?? Data()),
            body.trimmingCharacters(in: .whitespacesAndNewlines).data(using: .utf16BigEndian) ?? Data(),
            body.trimmingCharacters(in: .whitespacesAndNewlines).data(using: .utf16LittleEndian) ?? Data(),
        ]
        for data in utf16Variants {
            #expect(readError(data) == .forbiddenDTD)
        }
    }

    @Test("a UTF-16 invoice without a DTD reads normally")
    func utf16Invoice() throws {
        let xml = InlineFixture.invoice().replacingOccurrences(of: "UTF-8", with: "UTF-16")
        let data = Data([0xFF, 0xFE]) + (xml.data(using: .utf16LittleEndian) ?? Data())
        let document = try reader.read(data)
        #expect(document.number == "2025/0042")
        #expect(document.customer.name == "Café De Hoek")
        #expect(document.firstPDF?.data.count == InlineFixture.tinyPDFByteCount)
    }

    @Test("encodings the DTD check cannot see through are refused")
    func unsupportedEncodings() {
        let utf7 = "<?xml version=\"1.0\" encoding=\"UTF-7\"?>+ADw-!DOCTYPE x+AD4-<Invoice/>"
        #expect(readError(Data(utf7.utf8)) == .unsupportedEncoding("utf-7"))
        let utf32 = "<?xml version=\"1.0\"?><Invoice/>".data(using: .utf32BigEndian) ?? Data()
        #expect(readError(utf32) == .unsupportedEncoding("UTF-32"))
    }

    @Test("a file cut in half is malformed XML with a position")
    func truncated() throws {
        let whole = Data(InlineFixture.invoice().utf8)
        let half = whole.prefix(whole.count / 2)
        let error = try #require(readError(half))
        guard case let .malformedXML(line, _, message) = error else {
            Issue.record("expected malformedXML, got \(error)")
            return
        }
        #expect(line > 1)
        #expect(!message.isEmpty)
        #expect(!error.description.contains("\n"))
    }

    @Test("a corpus file cut in half is malformed XML", .enabled(if: Corpus.directory != nil, "needs the shared corpus"))
    func truncatedCorpusFile() throws {
        let whole = try Corpus.contents(of: "peppol_base-example.xml")
        guard case .malformedXML? = readError(whole.prefix(whole.count / 2)) else {
            Issue.record("expected malformedXML")
            return
        }
    }

    @Test("broken markup is malformed XML, not a half-read invoice", arguments: [
        "<b:ID>X</b:IDD>", "<b:Note>a & b</b:Note>", "<b:Note x='1' x='2'>A</b:Note>", "<b:Note>&nbsp;</b:Note>",
    ])
    func brokenMarkup(fragment: String) {
        let data = Data(InlineFixture.invoice(extraRootContent: fragment).utf8)
        guard case let .malformedXML(line, _, _)? = readError(data) else {
            Issue.record("expected malformedXML for \(fragment)")
            return
        }
        #expect(line == 11)
    }

    // libxml2 (as FoundationXML drives it) refuses a buffer over ~10 MB; the
    // reader streams the input so big attachments still read.
    @Test("an attachment larger than libxml2's 10 MB lookup limit reads")
    func bigAttachment() throws {
        var pdf = Data("%PDF-1.7\n".utf8)
        pdf.append(Data(repeating: 0x41, count: 8_000_000))
        let base64 = pdf.base64EncodedString(options: [.lineLength76Characters, .endLineWithCarriageReturn, .endLineWithLineFeed])
        let document = try reader.read(Data(InlineFixture.invoice(attachment: base64).utf8))
        #expect(document.firstPDF?.data == pdf)
    }

    @Test("XML that is not UBL names its root")
    func notUBL() {
        #expect(readError(Data("<html/>".utf8)) == .notUBL(rootElement: "html", namespace: nil))
        // Right name, wrong (missing) namespace.
        #expect(readError(Data("<Invoice><ID>1</ID></Invoice>".utf8)) == .notUBL(rootElement: "Invoice", namespace: nil))
        // An SBDH envelope with nothing UBL inside.
        let envelope = "<StandardBusinessDocument xmlns=\"http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader\"><x/></StandardBusinessDocument>"
        #expect(readError(Data(envelope.utf8)) == .notUBL(
            rootElement: "StandardBusinessDocument",
            namespace: "http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader"
        ))
    }

    @Test("empty and blank input")
    func empty() {
        #expect(readError(Data()) == .empty)
        #expect(readError(Data(" \n\t".utf8)) == .empty)
    }

    @Test("a document over the size limit is refused before parsing")
    func tooLarge() {
        let data = Data(InlineFixture.invoice().utf8)
        let limits = UBLReaderLimits(maxDocumentBytes: 1_000)
        #expect(readError(data, limits: limits) == .tooLarge(bytes: data.count, limit: 1_000))
    }

    @Test("deep nesting is refused", arguments: [20, 256])
    func tooDeep(limit: Int) {
        let depth = limit + 50
        let nested = String(repeating: "<cac:X>", count: depth) + String(repeating: "</cac:X>", count: depth)
        let data = Data(InlineFixture.invoice(extraRootContent: nested).utf8)
        #expect(readError(data, limits: UBLReaderLimits(maxElementDepth: limit)) == .tooDeep(limit: limit))
    }

    @Test("a document without its number is refused")
    func missingNumber() {
        let xml = InlineFixture.invoice().replacingOccurrences(of: "<b:ID>2025/0042</b:ID>", with: "")
        #expect(readError(Data(xml.utf8)) == .missingField("cbc:ID"))
    }

    @Test("application/pdf without %PDF magic is kept, flagged and warned about")
    func fakePDF() throws {
        let document = try reader.read(Data(InlineFixture.invoice(attachment: InlineFixture.textBase64).utf8))
        let attachment = try #require(document.attachments.first)
        #expect(attachment.isPDF == false)
        #expect(attachment.data == Data("hello, not a pdf".utf8))
        #expect(document.firstPDF == nil)
        #expect(document.warnings.contains { $0.contains("not a PDF") })
    }

    @Test("truncated base64 is skipped with a warning, the invoice still reads")
    func truncatedBase64() throws {
        let cut = String(InlineFixture.tinyPDFBase64.prefix(101))
        let document = try reader.read(Data(InlineFixture.invoice(attachment: cut).utf8))
        #expect(document.attachments.isEmpty)
        #expect(document.number == "2025/0042")
        #expect(document.warnings.contains { $0.contains("truncated or invalid") })
    }

    @Test("an attachment over the attachment limit is skipped with a warning")
    func attachmentTooLarge() throws {
        let limits = UBLReaderLimits(maxAttachmentBytes: 50)
        let document = try UBLReader(limits: limits).read(Data(InlineFixture.invoice().utf8))
        #expect(document.attachments.isEmpty)
        #expect(document.warnings.contains { $0.contains("over the limit") })
    }

    @Test("every error description is one line of English")
    func descriptions() {
        let errors: [UBLReadError] = [
            .empty, .tooLarge(bytes: 2, limit: 1), .forbiddenDTD, .unsupportedEncoding("utf-7"),
            .malformedXML(line: 1, column: 2, message: "x"), .notUBL(rootElement: "html", namespace: nil),
            .missingField("cbc:ID"), .tooDeep(limit: 256),
        ]
        for error in errors {
            #expect(!error.description.isEmpty && !error.description.contains("\n"))
        }
    }
}
