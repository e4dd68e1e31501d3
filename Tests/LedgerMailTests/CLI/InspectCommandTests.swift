import Foundation
import Testing
@testable import LedgerMail

/// `ledgermail inspect` over the whole public corpus, as a user runs it.
@Suite("inspect on the corpus", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"),
       .enabled(if: Corpus.directory != nil, "needs ../shared/corpus (absent: skipped)"))
struct InspectCommandTests {
    struct Line: Decodable {
        struct Party: Decodable { var name: String?; var vat: String? }
        struct Totals: Decodable { var payable: String?; var tax_exclusive: String? }
        struct Attachment: Decodable { var filename: String; var sha256: String; var is_pdf: Bool }
        var file: String
        var root: String?
        var type_code: String?
        var number: String?
        var issue_date: String?
        var currency: String?
        var supplier: Party
        var customer: Party
        var totals: Totals
        var attachments: [Attachment]
        var kind: String
    }

    func inspect(_ arguments: [String]) throws -> [String: Line] {
        let files = Corpus.fileNames.map { Corpus.directory!.appendingPathComponent($0).path }
        let result = CommandLine.run(["inspect", "--json"] + arguments + files, in: Corpus.directory!)
        #expect(result.status == 0, "\(result.output.prefix(300))")
        var lines: [String: Line] = [:]
        for text in result.output.split(separator: "\n") {
            let line = try JSONDecoder().decode(Line.self, from: Data(text.utf8))
            lines[URL(fileURLWithPath: line.file).lastPathComponent] = line
        }
        return lines
    }

    @Test("inspect --json agrees with expected.json on every file of the corpus")
    func agreesWithExpected() throws {
        let lines = try inspect([])
        #expect(lines.count == Corpus.fileNames.count)
        for name in Corpus.fileNames {
            guard let line = lines[name], let expected = Corpus.expected[name] else {
                Issue.record("\(name): no inspect line")
                continue
            }
            #expect(line.root == expected.root && line.type_code == expected.typeCode && line.number == expected.id, "\(name)")
            #expect(line.issue_date == expected.issueDate && line.currency == expected.currency, "\(name)")
            #expect(line.supplier.name == expected.supplierName && line.customer.name == expected.customerName, "\(name)")
            #expect(line.supplier.vat == expected.supplierVat && line.customer.vat == expected.customerVat, "\(name)")
            #expect(decimal(line.totals.payable) == decimal(expected.payableAmount), "\(name) payable")
            #expect(decimal(line.totals.tax_exclusive) == decimal(expected.taxExclusiveAmount), "\(name) tax exclusive")
            let pdfs = line.attachments.filter(\.is_pdf)
            let expectedPDFs = expected.attachments.filter(\.pdfMagic)
            #expect(pdfs.map(\.sha256) == expectedPDFs.compactMap(\.sha256), "\(name) embedded PDFs")
            #expect(pdfs.map(\.filename) == expectedPDFs.map { $0.filename ?? $0.docId ?? "" }, "\(name) PDF names")
        }
    }

    @Test("inspect --vat: the supplier's VAT gives a sales kind, the customer's a purchase kind, an unrelated number unknown")
    func kindsByVAT() throws {
        var checked = 0
        for name in Corpus.fileNames {
            guard let expected = Corpus.expected[name] else { continue }
            let isCredit = expected.root == "CreditNote"
            for (vat, kind) in [(expected.supplierVat, isCredit ? "sales-credit-note" : "sales-invoice"),
                                (expected.customerVat, isCredit ? "purchase-credit-note" : "purchase-invoice")] {
                guard let vat, BelgianNumber.normalize(vat).map(BelgianNumber.isValid) != false else { continue }
                let path = Corpus.directory!.appendingPathComponent(name).path
                let result = CommandLine.run(["inspect", "--json", "--vat", vat, path], in: Corpus.directory!)
                let line = try JSONDecoder().decode(Line.self, from: Data(result.output.split(separator: "\n")[0].utf8))
                // Both parties with the same VAT (a document to oneself) cannot be told apart: unknown.
                let both = expected.supplierVat.map(normalizedIdentifier) == expected.customerVat.map(normalizedIdentifier)
                #expect(line.kind == (both ? "unknown" : kind), "\(name) --vat \(vat)")
                checked += 1
            }
        }
        #expect(checked > 20, "most corpus files carry a VAT number")
        let unrelated = try inspect(["--vat", "BE0999999922"])
        for (name, line) in unrelated where line.root != nil {
            #expect(line.kind == "unknown", "\(name) with an unrelated number")
        }
    }
}
