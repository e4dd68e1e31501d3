@testable import LedgerMail
import Foundation
import Testing

// Skipped, not failed, when the shared corpus is not next to the repository
// (e.g. a CI checkout without /work/shared): the note below says why.
@Suite(
    "Public UBL corpus against expected.json",
    .enabled(if: Corpus.directory != nil, "UBL corpus not found (looked for ../shared/corpus/ubl from the repository root; set LEDGERMAIL_UBL_CORPUS to override)")
)
struct CorpusTests {
    @Test("expected.json lists every corpus file")
    func everyFileIsListed() throws {
        let directory = try #require(Corpus.directory)
        let onDisk = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".xml") }
        #expect(Set(onDisk) == Set(Corpus.fileNames))
        #expect(Corpus.fileNames.count == 52)
    }

    @Test("header, parties and totals match", arguments: Corpus.fileNames)
    func headerPartiesTotals(file: String) throws {
        let expected = try #require(Corpus.expected[file])
        let document = try UBLReader().read(Corpus.contents(of: file))

        #expect(document.root.rawValue == expected.root)
        #expect(document.wasEnveloped == expected.sbdhWrapped)
        #expect(document.number == expected.id)
        #expect(document.issueDate == expected.issueDate)
        #expect(document.dueDate == expected.dueDate)
        #expect(document.typeCode == expected.typeCode)
        #expect(document.customizationID == expected.customizationId)
        #expect(document.profileID == expected.profileId)
        #expect(document.currency == expected.currency)

        #expect(document.supplier.name == expected.supplierName)
        #expect(document.supplier.vat == expected.supplierVat)
        #expect(document.supplier.endpoint == expected.supplierEndpoint)
        #expect(document.supplier.legalID == expected.supplierLegalId)
        #expect(document.customer.name == expected.customerName)
        #expect(document.customer.vat == expected.customerVat)
        #expect(document.customer.endpoint == expected.customerEndpoint)
        #expect(document.customer.legalID == expected.customerLegalId)

        let totals = document.totals
        let pairs: [(Amount?, String?, String)] = [
            (totals.lineExtensionAmount, expected.lineExtensionAmount, "line extension"),
            (totals.taxExclusiveAmount, expected.taxExclusiveAmount, "tax exclusive"),
            (totals.taxInclusiveAmount, expected.taxInclusiveAmount, "tax inclusive"),
            (totals.allowanceTotalAmount, expected.allowanceTotalAmount, "allowance total"),
            (totals.chargeTotalAmount, expected.chargeTotalAmount, "charge total"),
            (totals.prepaidAmount, expected.prepaidAmount, "prepaid"),
            (totals.payableRoundingAmount, expected.payableRoundingAmount, "payable rounding"),
            (totals.payableAmount, expected.payableAmount, "payable"),
            (totals.taxAmount, expected.taxAmount, "tax"),
        ]
        for (actual, written, label) in pairs {
            #expect(actual?.value == decimal(written), "\(label) amount")
            #expect(actual?.text == written, "\(label) text must be kept as written")
        }
    }

    @Test("attachments match", arguments: Corpus.fileNames)
    func attachments(file: String) throws {
        let expected = try #require(Corpus.expected[file])
        let document = try UBLReader().read(Corpus.contents(of: file))
        // Entries lxml could not decode (placeholder text) are skipped by us
        // with a warning instead.
        let decodable = expected.attachments.filter { $0.decodedBytes != nil }
        try #require(document.attachments.count == decodable.count)
        #expect(document.warnings.count >= expected.attachments.count - decodable.count)
        for (actual, wanted) in zip(document.attachments, decodable) {
            #expect(actual.filename == wanted.filename ?? wanted.docId ?? "attachment")
            #expect(actual.referenceID == wanted.docId)
            #expect(actual.mimeType == wanted.mime)
            #expect(actual.data.count == wanted.decodedBytes)
            #expect(actual.isPDF == wanted.pdfMagic)
            if let hash = sha256Hex(actual.data) {
                #expect(hash == wanted.sha256)
            }
        }
        #expect(document.firstPDF?.filename == decodable.first { $0.pdfMagic }.map { $0.filename ?? $0.docId ?? "attachment" })
    }
}
