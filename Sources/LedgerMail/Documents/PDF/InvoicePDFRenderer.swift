import Foundation

/// Draws a UBL invoice or credit note as a readable A4 PDF, for dossiers
/// whose sender attached none (or only a placeholder).
enum InvoicePDFRenderer {
    /// The PDF bytes: header, both parties, every line (over as many pages
    /// as needed), the VAT breakdown, totals and payment details, with the
    /// fixed texts in `language`.
    ///
    /// Blocks the calling thread while cairo and pango work (tens of
    /// milliseconds, more for long invoices): call it off Swift's cooperative
    /// pool, e.g. on a dedicated thread or dispatch queue.
    public static func render(_ document: UBLDocument, language: Language) throws -> Data {
        let canvas = try PDFCanvas()
        var writer = InvoicePageWriter(
            canvas: canvas, document: document,
            labels: .of(language), format: DisplayFormat(language: language)
        )
        writer.drawHeader()
        writer.drawParties()
        writer.drawLines()
        writer.drawAllowancesAndCharges()
        writer.drawVATBreakdown()
        writer.drawTotals()
        writer.drawPayment()
        writer.drawFooter()
        return try canvas.finish()
    }
}

/// Places the invoice's blocks top to bottom and starts a new page when the
/// next block does not fit. Sections live in InvoiceSections.swift.
struct InvoicePageWriter {
    let canvas: PDFCanvas
    let document: UBLDocument
    let labels: InvoiceLabels
    let format: DisplayFormat

    static let margin = 48.0
    static let contentWidth = PDFCanvas.pageWidth - 2 * margin
    /// Room kept at the bottom for the page footer.
    static let bottom = PDFCanvas.pageHeight - 56.0

    private(set) var y = margin
    private(set) var pageNumber = 1

    init(canvas: PDFCanvas, document: UBLDocument, labels: InvoiceLabels, format: DisplayFormat) {
        self.canvas = canvas
        self.document = document
        self.labels = labels
        self.format = format
    }

    /// Moves down by `height` plus `gap`.
    mutating func advance(_ height: Double, gap: Double = 0) {
        y += height + gap
    }

    /// True when a new page was started. A block taller than a whole page
    /// is drawn where it is (clipped) instead of turning pages forever.
    @discardableResult
    mutating func makeRoom(for height: Double) -> Bool {
        guard y + height > Self.bottom, y > Self.margin else { return false }
        drawFooter()
        canvas.nextPage()
        pageNumber += 1
        y = Self.margin
        return true
    }

    /// "Factuur 2025/0042 · Pagina 2", small, at the bottom of the page.
    func drawFooter() {
        let text = "\(labels.title(for: document.root)) \(document.number) · \(labels.page) \(pageNumber)"
        canvas.draw(
            PangoMarkup.escape(text), x: Self.margin, y: PDFCanvas.pageHeight - 40,
            width: Self.contentWidth, style: TextStyle(font: .small, alignment: .right, maxLines: 1)
        )
    }
}
