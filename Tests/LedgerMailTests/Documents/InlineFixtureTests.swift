@testable import LedgerMail
import Foundation
import Testing

@Suite("Self-made Belgian invoice")
struct InlineFixtureTests {
    let document: UBLDocument

    init() throws {
        document = try UBLReader().read(InlineFixture.data(InlineFixture.invoice()))
    }

    @Test("header fields come from the root only, not from invoice lines")
    func header() {
        #expect(document.root == .invoice)
        #expect(document.number == "2025/0042")
        #expect(document.issueDate == "2025-03-01")
        #expect(document.dueDate == "2025-03-31")
        #expect(document.typeCode == "380")
        #expect(document.currency == "EUR")
        #expect(document.isSelfBilling == false)
        #expect(document.wasEnveloped == false)
        #expect(document.warnings.isEmpty)
    }

    @Test("parties: registration name wins, VAT and endpoints as written")
    func parties() {
        #expect(document.supplier == Party(
            name: "Bakkerij Janssens BV", vat: "BE 0123.456.749",
            endpointScheme: "0208", endpointValue: "0123456749", legalID: "0123456749"
        ))
        #expect(document.supplier.endpoint == "0208:0123456749")
        #expect(document.customer.name == "Café De Hoek")
        #expect(document.customer.vat == nil)
        #expect(document.customer.endpoint == "9925:BE0000000295")
        #expect(document.customer.identifications == ["0000000295"])
    }

    @Test("amounts keep their text; tax is the TaxTotal's, not a subtotal's")
    func totals() {
        #expect(document.totals.lineExtensionText == "100")
        #expect(document.totals.lineExtension == Decimal(100))
        #expect(document.totals.payable == Decimal(string: "121.00"))
        #expect(document.totals.taxText == "21.00")
        #expect(document.totals.tax == Decimal(21))
    }

    @Test("the wrapped, indented base64 PDF is decoded")
    func attachment() throws {
        #expect(document.attachments.count == 1)
        let pdf = try #require(document.firstPDF)
        #expect(pdf.filename == "INV-2025-0042.pdf")
        #expect(pdf.referenceID == "INV-2025-0042")
        #expect(pdf.mimeType == "application/pdf")
        #expect(pdf.data.count == InlineFixture.tinyPDFByteCount)
        if let hash = sha256Hex(pdf.data) {
            #expect(hash == InlineFixture.tinyPDFSHA256)
        }
    }

    @Test("a negative invoice stays an invoice, with a warning")
    func negativeInvoice() throws {
        let negative = try UBLReader().read(InlineFixture.data(InlineFixture.invoice(payable: "-121.00")))
        #expect(negative.root == .invoice)
        #expect(negative.totals.payable == Decimal(string: "-121.00"))
        #expect(negative.warnings.contains { $0.contains("negative") })
    }

    @Test("an SBDH envelope is looked through")
    func envelope() throws {
        let inner = InlineFixture.invoice().replacingOccurrences(of: "<?xml version=\"1.0\" encoding=\"UTF-8\"?>", with: "")
        let wrapped = """
            <?xml version="1.0" encoding="UTF-8"?>
            <StandardBusinessDocument xmlns="http://www.unece.org/cefact/namespaces/StandardBusinessDocumentHeader">
              <StandardBusinessDocumentHeader><HeaderVersion>1.0</HeaderVersion></StandardBusinessDocumentHeader>
              \(inner)
            </StandardBusinessDocument>
            """
        let read = try UBLReader().read(InlineFixture.data(wrapped))
        #expect(read.wasEnveloped)
        #expect(read.number == document.number)
        #expect(read.attachments == document.attachments)
    }

    @Test("self-billing is recognised by type code or customization")
    func selfBilling() throws {
        let byCode = InlineFixture.invoice().replacingOccurrences(of: ">380<", with: ">389<")
        #expect(try UBLReader().read(InlineFixture.data(byCode)).isSelfBilling)
        let byProfile = InlineFixture.invoice().replacingOccurrences(
            of: "poacc:billing:3.0", with: "poacc:selfbilling:3.0"
        )
        #expect(try UBLReader().read(InlineFixture.data(byProfile)).isSelfBilling)
    }
}
