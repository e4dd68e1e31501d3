@testable import LedgerMail
import Foundation
import Testing

@Suite("Reader: lines, VAT breakdown, payment, addresses")
struct ReaderExtensionTests {
    let document: UBLDocument

    init() throws {
        document = try UBLReader().read(Data(RichInvoiceFixture.invoice().utf8))
    }

    @Test("every line with its item name (else description), quantity, price, amount and VAT")
    func lines() {
        #expect(document.lines == [
            InvoiceLine(
                id: "1", description: "Volkorenbrood", quantity: Amount(text: "2"), unitCode: "C62",
                price: Amount(text: "50"), amount: Amount(text: "100.00"), vatCategory: "S", vatPercent: Amount(text: "21")
            ),
            InvoiceLine(
                id: "2", description: "Taart <aardbei> & room", quantity: Amount(text: "1.5"), unitCode: "KGM",
                price: Amount(text: "30.00"), amount: Amount(text: "45"), vatCategory: "S", vatPercent: Amount(text: "6")
            ),
            InvoiceLine(
                id: "3", description: "Croissants (doos van 12)", quantity: Amount(text: "5"), unitCode: "C62",
                price: Amount(text: "212.00"), amount: Amount(text: "1060.00"), vatCategory: "S", vatPercent: Amount(text: "6")
            ),
        ])
    }

    @Test("the breakdown comes from the document-currency TaxTotal, not the tax-currency one")
    func taxBreakdown() {
        #expect(document.totals.taxText == "87.3")
        #expect(document.taxBreakdown == [
            TaxSubtotal(categoryID: "S", percent: Amount(text: "21"), taxableAmount: Amount(text: "100.00"), taxAmount: Amount(text: "21.00")),
            TaxSubtotal(categoryID: "S", percent: Amount(text: "6"), taxableAmount: Amount(text: "1105"), taxAmount: Amount(text: "66.30")),
        ])
    }

    @Test("payment reference and IBAN come from the first PaymentMeans")
    func payment() {
        #expect(document.paymentReference == RichInvoiceFixture.paymentReference)
        #expect(document.iban == RichInvoiceFixture.iban)
    }

    @Test("postal addresses of both parties")
    func addresses() {
        #expect(document.supplier.address == PostalAddress(
            street: "Kerkstraat 12", additionalStreet: "Bus 3", city: "Gent", postalZone: "9000", countryCode: "BE"
        ))
        #expect(document.customer.address == PostalAddress(street: "Rue Haute 5", city: "Bruxelles", postalZone: "1000", countryCode: "BE"))
        #expect(document.supplier.name == RichInvoiceFixture.supplierName)
        #expect(document.customer.name == RichInvoiceFixture.customerName)
    }

    @Test("the small inline fixture: one line without item, no address, no payment means")
    func inlineFixture() throws {
        let small = try UBLReader().read(InlineFixture.data(InlineFixture.invoice()))
        #expect(small.lines == [InvoiceLine(id: "1", amount: Amount(text: "100"))])
        #expect(small.taxBreakdown == [TaxSubtotal(taxableAmount: Amount(text: "100.00"), taxAmount: Amount(text: "99.99"))])
        #expect(small.supplier.address == nil)
        #expect(small.paymentReference == nil)
        #expect(small.iban == nil)
    }

    @Test("a credit note's lines use CreditedQuantity")
    func creditNoteLines() throws {
        let xml = """
            <CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"
                        xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
                        xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
              <cbc:ID>CN-1</cbc:ID>
              <cac:CreditNoteLine>
                <cbc:ID>1</cbc:ID>
                <cbc:CreditedQuantity unitCode="ZZ">2</cbc:CreditedQuantity>
                <cbc:LineExtensionAmount currencyID="EUR">-400</cbc:LineExtensionAmount>
                <cac:Item><cbc:Name>Shoes</cbc:Name></cac:Item>
              </cac:CreditNoteLine>
            </CreditNote>
            """
        let credit = try UBLReader().read(Data(xml.utf8))
        #expect(credit.lines == [InvoiceLine(id: "1", description: "Shoes", quantity: Amount(text: "2"), unitCode: "ZZ", amount: Amount(text: "-400"))])
    }
}

@Suite(
    "Reader extension against the public corpus",
    .enabled(if: Corpus.directory != nil, "UBL corpus not found (looked for ../shared/corpus/ubl from the repository root; set LEDGERMAIL_UBL_CORPUS to override)")
)
struct ReaderExtensionCorpusTests {
    /// expected.json fields the original tests do not decode.
    struct Extra: Decodable {
        let file: String
        let lineCount: Int
        let vatRates: [String]
        let supplierCountry: String?
        let customerCountry: String?
    }

    static let extras: [String: Extra] = {
        guard let directory = Corpus.directory,
              let json = try? Data(contentsOf: directory.appendingPathComponent("expected.json"))
        else { return [:] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let list = (try? decoder.decode([Extra].self, from: json)) ?? []
        return Dictionary(list.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
    }()

    @Test("line count, VAT rates and party countries match", arguments: Corpus.fileNames)
    func linesAndRates(file: String) throws {
        let extra = try #require(Self.extras[file])
        let document = try UBLReader().read(Corpus.contents(of: file))
        #expect(document.lines.count == extra.lineCount)
        // "S:21" as category:percent; percents compared as decimals ("21.00" = "21").
        // expected.json writes an absent Percent (category O) as 0; we keep nil.
        let rates = Set(document.taxBreakdown.map { "\($0.categoryID ?? ""):\($0.percent?.value ?? 0)" })
        let expectedRates = Set(extra.vatRates.map { rate in
            let parts = rate.split(separator: ":", maxSplits: 1).map(String.init)
            let percent = parts.count > 1 ? decimal(parts[1]).map { "\($0)" } ?? "" : ""
            return "\(parts.first ?? ""):\(percent)"
        })
        #expect(rates == expectedRates)
        #expect(document.supplier.address?.countryCode == extra.supplierCountry)
        #expect(document.customer.address?.countryCode == extra.customerCountry)
    }
}
