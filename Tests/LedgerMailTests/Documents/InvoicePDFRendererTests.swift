@testable import LedgerMail
import Foundation
import Testing

@Suite("Invoice PDF rendering", .enabled(if: PDFTools.available, PDFTools.missingNote))
struct InvoicePDFRendererTests {
    static let titles: [Language: (invoice: String, creditNote: String)] = [
        .nl: ("Factuur", "Creditnota"), .fr: ("Facture", "Note de crédit"), .en: ("Invoice", "Credit note"),
    ]

    private func render(_ xml: String, _ language: Language) throws -> (document: UBLDocument, pdf: Data) {
        let document = try UBLReader().read(Data(xml.utf8))
        return (document, try InvoicePDFRenderer.render(document, language: language))
    }

    @Test("the rich fixture: every field the reader has, in the dossier's language", arguments: Language.allCases)
    func richFixture(language: Language) throws {
        let (_, pdf) = try render(RichInvoiceFixture.invoice(), language)
        let text = try PDFTools.text(of: pdf)
        let payable = language == .en ? "1,292.30" : "1.292,30"
        let expected = [
            Self.titles[language]?.invoice ?? "?", RichInvoiceFixture.number,
            RichInvoiceFixture.supplierName, RichInvoiceFixture.customerName,
            RichInvoiceFixture.supplierVAT, RichInvoiceFixture.customerVAT,
            "Kerkstraat 12", "Bus 3", "9000 Gent", "Rue Haute 5", "1000 Bruxelles",
            "02/04/2025", "02/05/2025", "21 %", "6 %", payable,
            RichInvoiceFixture.paymentReference, RichInvoiceFixture.iban,
        ] + RichInvoiceFixture.descriptions
        for fragment in expected {
            #expect(text.contains(fragment), "\(language): \"\(fragment)\" missing from: \(text)")
        }
        #expect(!text.contains("Sub-line"), "sub-lines are not separate lines")
    }

    @Test("pdfinfo accepts it: one A4 page")
    func pageFormat() throws {
        let (_, pdf) = try render(RichInvoiceFixture.invoice(), .nl)
        #expect(pdf.starts(with: Array("%PDF".utf8)))
        let info = try PDFTools.info(of: pdf)
        #expect(PDFTools.infoValue("Pages", in: info) == "1")
        #expect(PDFTools.infoValue("Page size", in: info) == "595.28 x 841.89 pts (A4)")
    }

    @Test("120 lines run over several pages, none lost, totals after them")
    func manyLines() throws {
        let (document, pdf) = try render(RichInvoiceFixture.invoice(lineCount: 120), .fr)
        #expect(document.lines.count == 120)
        let pages = try PDFTools.infoValue("Pages", in: PDFTools.info(of: pdf)).flatMap { Int($0) } ?? 0
        #expect(pages > 1)
        let text = try PDFTools.text(of: pdf)
        for index in 1...117 {
            #expect(text.contains(RichInvoiceFixture.extraDescription(index) + " "), "line \(index) missing")
        }
        #expect(text.contains("Page \(pages)"))
        let lastLine = try #require(text.range(of: RichInvoiceFixture.extraDescription(117)))
        let payable = try #require(text.range(of: "À payer"))
        #expect(lastLine.upperBound < payable.lowerBound, "totals come after the last line")
    }

    @Test("markup characters in names and descriptions are drawn as text")
    func markupSurvives() throws {
        let xml = InlineFixture.invoice()
            .replacingOccurrences(of: "Bakkerij Janssens BV", with: "&lt;b&gt;Bold&lt;/b&gt; &amp; &lt;i&gt;Sons &apos;n&apos; Co")
            .replacingOccurrences(of: "Café De Hoek", with: "A &lt;span foreground=\"red\"&gt;&amp;amp;")
        let (document, pdf) = try render(xml, .en)
        #expect(document.supplier.name == "<b>Bold</b> & <i>Sons 'n' Co")
        let text = try PDFTools.text(of: pdf)
        #expect(text.contains("<b>Bold</b> & <i>Sons 'n' Co"))
        #expect(text.contains("A <span foreground=\"red\">&amp;"))
    }

    @Test("the small inline fixture, whose line has no description", arguments: Language.allCases)
    func inlineFixture(language: Language) throws {
        let (document, pdf) = try render(InlineFixture.invoice(), language)
        let text = try PDFTools.text(of: pdf)
        let payable = language == .en ? "121.00" : "121,00"
        for fragment in [document.number, "Bakkerij Janssens BV", "Café De Hoek", "BE 0123.456.749", payable] {
            #expect(text.contains(fragment), "\(language): \"\(fragment)\" missing from: \(text)")
        }
    }
}

@Suite(
    "Invoice PDF rendering of the UBL.BE corpus",
    .enabled(if: PDFTools.available, PDFTools.missingNote),
    .enabled(if: Corpus.directory != nil, "UBL corpus not found (looked for ../shared/corpus/ubl from the repository root; set LEDGERMAIL_UBL_CORPUS to override)")
)
struct InvoicePDFCorpusTests {
    static let files = Corpus.fileNames.filter { $0.hasPrefix("ublbe_") }

    @Test("names, VAT numbers, number, lines, VAT rates and amounts, payable and payment reference appear", arguments: files, Language.allCases)
    func ublbe(file: String, language: Language) throws {
        let document = try UBLReader().read(Corpus.contents(of: file))
        let pdf = try InvoicePDFRenderer.render(document, language: language)
        let text = try PDFTools.text(of: pdf)
        let format = DisplayFormat(language: language)
        let title = document.root == .invoice ? InvoicePDFRendererTests.titles[language]?.invoice : InvoicePDFRendererTests.titles[language]?.creditNote
        var expected = [title ?? "?", document.number, format.money(document.totals.payableAmount)]
        expected += [document.supplier.name, document.customer.name, document.supplier.vat, document.customer.vat].compactMap { $0 }
        expected += document.taxBreakdown.map { format.percent($0.percent) }
        expected += document.taxBreakdown.compactMap(\.taxAmount).map { format.money($0) }
        expected += [document.paymentReference].compactMap { $0 }
        expected += document.lines.compactMap(\.description)
        for fragment in expected {
            #expect(text.contains(fragment), "\(file) \(language): \"\(fragment)\" missing from: \(text)")
        }
        #expect(PDFTools.infoValue("Page size", in: try PDFTools.info(of: pdf)) == "595.28 x 841.89 pts (A4)")
    }
}

@Suite("Amounts and dates on paper")
struct DisplayFormatTests {
    @Test("money keeps every written digit, pads to two decimals, groups thousands")
    func money() {
        let dutch = DisplayFormat(language: .nl)
        let english = DisplayFormat(language: .en)
        #expect(dutch.money(Amount(text: "8550")) == "8.550,00")
        #expect(dutch.money(Amount(text: "-217.8")) == "-217,80")
        #expect(english.money(Amount(text: "1234567.5")) == "1,234,567.50")
        #expect(english.money(Amount(text: "+0.1234")) == "0.1234")
        #expect(english.money(Amount(text: "12abc")) == "12abc")
        #expect(english.money(nil) == "")
    }

    @Test("quantities, percents and dates")
    func plain() {
        let french = DisplayFormat(language: .fr)
        #expect(french.plain(Amount(text: "1.5")) == "1,5")
        #expect(french.percent(Amount(text: "21")) == "21 %")
        #expect(french.date("2025-03-31") == "31/03/2025")
        #expect(french.date("31 March") == "31 March")
    }
}

extension InvoicePDFRendererTests {
    /// Writes a rendered PDF where a person can look at it (`pdftoppm -png`), and says where.
    static func keep(_ pdf: Data, _ name: String) throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-\(name).pdf")
        try pdf.write(to: url)
        print("rendered: \(url.path)")
        return url
    }

    @Test("line and document allowances and charges, and the VAT in the tax currency, are on the page")
    func allowancesChargesAndTaxCurrency() throws {
        let (document, pdf) = try render(AllowanceInvoiceFixture.invoice(), .nl)
        _ = try Self.keep(pdf, "allowances-nl")
        #expect(document.lines.map(\.allowanceCharges.count) == [1, 1])
        #expect(document.allowanceCharges.map(\.isCharge) == [false, true])
        #expect(document.taxCurrency == "EUR" && document.taxInTaxCurrency?.text == "43.05")
        let text = try PDFTools.text(of: pdf)
        for fragment in ["Volumekorting", "-20,00", "ABL", "+5,00", "Kortingsbon voorjaar", "-15,00", "Transportkosten", "+30,00",
                         "235,00", "250,00", "47,83 USD", "Btw in EUR", "43,05 EUR", "297,83 USD"] {
            #expect(text.contains(fragment), "\"\(fragment)\" missing from: \(text)")
        }
        // The VAT rate stays on its line's row: "12,5 %" is never broken over two lines.
        let layout = try PDFTools.layout(of: pdf).split(separator: "\n")
        let row = try #require(layout.first { $0.contains("Reserveonderdeel") })
        #expect(row.contains("12,5 %") && row.contains("55,00"), "\(row)")
        #expect(layout.first { $0.contains("Btw in EUR") }?.contains("43,05 EUR") == true, "the VAT in euro, on its own row")
        for (language, vatInEuro) in [(Language.fr, "TVA en EUR"), (.en, "VAT in EUR")] {
            let other = try InvoicePDFRenderer.render(document, language: language)
            _ = try Self.keep(other, "allowances-\(language.rawValue)")
            #expect(try PDFTools.layout(of: other).split(separator: "\n").first { $0.contains(vatInEuro) }?.contains("EUR") == true)
        }
    }
}
