@testable import LedgerMail
import Foundation
import Testing

/// The report as a plain JSON object, the way a script reading `inspect --json` sees it.
private func jsonObject(_ value: some Encodable) throws -> NSDictionary {
    let data = try JSONEncoder().encode(value)
    return try #require(try JSONSerialization.jsonObject(with: data) as? NSDictionary)
}

@Suite("Inspection JSON")
struct InspectionReportTests {
    @Test("the inline fixture gives exactly the documented shape and values")
    func inlineFixture() throws {
        let document = try UBLReader().read(InlineFixture.data(InlineFixture.invoice()))
        let report = InspectionReport(document: document, file: "inline.xml", kind: "sale", sha256: BlobStore.sha256Hex)
        let expected: NSDictionary = [
            "file": "inline.xml", "format": "ubl", "root": "Invoice", "type_code": "380",
            "number": "2025/0042", "issue_date": "2025-03-01", "due_date": "2025-03-31", "currency": "EUR",
            "supplier": [
                "name": "Bakkerij Janssens BV", "vat": "BE 0123.456.749",
                "endpoint": "0208:0123456749", "legal_id": "0123456749",
            ],
            "customer": ["name": "Café De Hoek", "vat": NSNull(), "endpoint": "9925:BE0000000295", "legal_id": NSNull()],
            "totals": [
                "line_extension": "100", "tax_exclusive": "100.00", "tax": "21.00",
                "tax_inclusive": "121.00", "payable": "121.00",
            ],
            "attachments": [[
                "filename": "INV-2025-0042.pdf", "mime_type": "application/pdf",
                "sha256": InlineFixture.tinyPDFSHA256, "is_pdf": true,
            ]],
            "kind": "sale", "self_billing": false, "warnings": [String](),
        ]
        #expect(try jsonObject(report) == expected)
        // NSDictionary would also take 1 for true: check the literal JSON.
        let text = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(text.contains(#""is_pdf":true"#) && text.contains(#""self_billing":false"#))
        #expect(text.contains(#""vat":null"#))
    }

    @Test("a PDF, PNG, JPEG or CODA file: format only, every other key present and null")
    func otherFormats() throws {
        let coda = CODAStatementTests.fixture
        let pdf = try #require(Data(base64Encoded: InlineFixture.tinyPDFBase64.filter { !$0.isWhitespace }))
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13])
        let jpeg = Data([0xFF, 0xD8, 0xFF, 0xE0, 0, 16])
        for (data, format) in [(pdf, "pdf"), (png, "image"), (jpeg, "image"), (coda, "coda")] {
            let report = try #require(InspectionReport(file: "scan", data: data, kind: "unknown"))
            let nullParty: NSDictionary = ["name": NSNull(), "vat": NSNull(), "endpoint": NSNull(), "legal_id": NSNull()]
            let expected: NSDictionary = [
                "file": "scan", "format": format, "root": NSNull(), "type_code": NSNull(), "number": NSNull(),
                "issue_date": NSNull(), "due_date": NSNull(), "currency": NSNull(),
                "supplier": nullParty, "customer": nullParty,
                "totals": [
                    "line_extension": NSNull(), "tax_exclusive": NSNull(), "tax": NSNull(),
                    "tax_inclusive": NSNull(), "payable": NSNull(),
                ],
                "attachments": [Any](), "kind": "unknown", "self_billing": false, "warnings": [String](),
            ]
            #expect(try jsonObject(report) == expected, "\(format)")
        }
    }

    @Test("text, XML and nothing are no known format")
    func unknownFormats() {
        #expect(InspectionReport(file: "a.txt", data: Data("hello".utf8), kind: "unknown") == nil)
        #expect(InspectedFormat.detect(InlineFixture.data(InlineFixture.invoice())) == nil)
        #expect(InspectedFormat.detect(Data()) == nil)
    }

    @Test("an error is a file and a sentence")
    func error() throws {
        let failure = InspectionError(file: "bad.xml", error: UBLReadError.empty.description)
        #expect(try jsonObject(failure) == ["file": "bad.xml", "error": "The invoice file is empty."] as NSDictionary)
    }
}

@Suite(
    "Inspection JSON against expected.json",
    .enabled(if: Corpus.directory != nil, "UBL corpus not found (looked for ../shared/corpus/ubl from the repository root; set LEDGERMAIL_UBL_CORPUS to override)")
)
struct InspectionCorpusTests {
    @Test("header, parties, totals and attachments match", arguments: Corpus.fileNames)
    func corpusFile(file: String) throws {
        let expected = try #require(Corpus.expected[file])
        let document = try UBLReader().read(Corpus.contents(of: file))
        let report = InspectionReport(document: document, file: file, kind: "review", sha256: BlobStore.sha256Hex)
        let json = try jsonObject(report)

        func string(_ path: String...) -> String? {
            var value: Any? = json
            for key in path { value = (value as? NSDictionary)?[key] }
            return value as? String
        }
        #expect(string("file") == file)
        #expect(string("root") == expected.root)
        #expect(string("number") == expected.id)
        #expect(string("type_code") == expected.typeCode)
        #expect(string("issue_date") == expected.issueDate)
        #expect(string("due_date") == expected.dueDate)
        #expect(string("currency") == expected.currency)
        #expect(string("supplier", "name") == expected.supplierName)
        #expect(string("supplier", "vat") == expected.supplierVat)
        #expect(string("supplier", "endpoint") == expected.supplierEndpoint)
        #expect(string("supplier", "legal_id") == expected.supplierLegalId)
        #expect(string("customer", "name") == expected.customerName)
        #expect(string("customer", "vat") == expected.customerVat)
        #expect(string("customer", "endpoint") == expected.customerEndpoint)
        #expect(string("customer", "legal_id") == expected.customerLegalId)

        let totals: [(String, String?)] = [
            ("line_extension", expected.lineExtensionAmount), ("tax_exclusive", expected.taxExclusiveAmount),
            ("tax", expected.taxAmount), ("tax_inclusive", expected.taxInclusiveAmount), ("payable", expected.payableAmount),
        ]
        for (key, written) in totals {
            #expect(decimal(string("totals", key)) == decimal(written), "\(key) as a decimal")
            #expect(string("totals", key) == written, "\(key) as written")
        }

        let attachments = try #require(json["attachments"] as? [NSDictionary])
        let decodable = expected.attachments.filter { $0.decodedBytes != nil }
        try #require(attachments.count == decodable.count)
        for (actual, wanted) in zip(attachments, decodable) {
            #expect(actual["filename"] as? String == wanted.filename ?? wanted.docId ?? "attachment")
            #expect(actual["mime_type"] as? String == wanted.mime)
            #expect(actual["sha256"] as? String == wanted.sha256)
            #expect(actual["is_pdf"] as? Bool == wanted.pdfMagic)
        }
        #expect(json["self_billing"] as? Bool == document.isSelfBilling)
        #expect(json["kind"] as? String == "review")
    }
}
