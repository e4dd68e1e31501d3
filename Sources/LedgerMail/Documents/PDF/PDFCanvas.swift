import CCairo
import Foundation

/// How one block of text is set.
struct TextStyle {
    enum Font { case regular, bold, title, small }
    enum Alignment { case left, right }

    var font: Font = .regular
    var alignment: Alignment = .left
    /// Longer text ends in "…", so no single block can outgrow a page.
    var maxLines: Int32 = 12
}

/// Owns every cairo and pango pointer of one A4 PDF being drawn; nothing
/// of them leaves this class. Not Sendable: one render, one thread.
///
/// The PDF is streamed into memory through cairo's write callback rather
/// than into a temporary file: no invoice data lands on disk, and there is
/// no file to name, clean up or leak when a render fails.
final class PDFCanvas {
    /// A4 in PDF points, as cairo and pdfinfo give it.
    static let pageWidth = 595.28
    static let pageHeight = 841.89

    /// Receives the bytes cairo writes. A class, so the C callback can reach
    /// it through the `void *` closure pointer without capturing anything.
    private final class ByteSink {
        var data = Data()
    }

    private let sink = ByteSink()
    private let surface: OpaquePointer
    private let context: OpaquePointer
    private let layout: OpaquePointer
    private let fonts: [TextStyle.Font: OpaquePointer]

    init() throws(InvoiceRenderError) {
        // Unretained: `sink` is a stored property, alive as long as the surface.
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let created = cairo_pdf_surface_create_for_stream(
            { closure, bytes, length in
                guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
                let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
                sink.data.append(bytes, count: Int(length))
                return CAIRO_STATUS_SUCCESS
            },
            closure, Self.pageWidth, Self.pageHeight
        )
        // cairo returns an "error object" rather than NULL; both are refused.
        guard let surface = created else { throw InvoiceRenderError(cairoStatus: "no PDF surface") }
        if let failure = Self.failure(cairo_surface_status(surface)) {
            cairo_surface_destroy(surface)
            throw failure
        }
        guard let context = cairo_create(surface) else {
            cairo_surface_destroy(surface)
            throw InvoiceRenderError(cairoStatus: "no drawing context")
        }
        if let failure = Self.failure(cairo_status(context)) {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
            throw failure
        }
        guard let layout = pango_cairo_create_layout(context) else {
            cairo_destroy(context)
            cairo_surface_destroy(surface)
            throw InvoiceRenderError(cairoStatus: "no pango layout")
        }
        self.surface = surface
        self.context = context
        self.layout = layout
        // A font missing from the system falls back to another (fontconfig);
        // a description pango could not allocate is simply not used.
        let descriptions: [TextStyle.Font: OpaquePointer?] = [
            .regular: pango_font_description_from_string("DejaVu Sans 9"),
            .bold: pango_font_description_from_string("DejaVu Sans Bold 9"),
            .title: pango_font_description_from_string("DejaVu Sans Bold 18"),
            .small: pango_font_description_from_string("DejaVu Sans 7"),
        ]
        fonts = descriptions.compactMapValues { $0 }
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
    }

    deinit {
        // The surface may still write (finishing the PDF) while destroyed;
        // `sink` outlives this body, so the callback stays valid.
        g_object_unref(UnsafeMutableRawPointer(layout))
        for description in fonts.values { pango_font_description_free(description) }
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    /// The height `markup` takes when set `width` points wide.
    func height(of markup: String, width: Double, style: TextStyle = .init()) -> Double {
        prepare(markup, width: width, style: style)
        var textWidth: Int32 = 0
        var textHeight: Int32 = 0
        pango_layout_get_pixel_size(layout, &textWidth, &textHeight)
        return Double(textHeight)
    }

    /// Draws `markup` with its top-left corner at (x, y); returns its height.
    @discardableResult
    func draw(_ markup: String, x: Double, y: Double, width: Double, style: TextStyle = .init()) -> Double {
        let textHeight = height(of: markup, width: width, style: style)
        cairo_move_to(context, x, y)
        pango_cairo_show_layout(context, layout)
        return textHeight
    }

    /// A thin horizontal rule.
    func rule(x: Double, y: Double, width: Double) {
        cairo_set_line_width(context, 0.5)
        cairo_move_to(context, x, y)
        cairo_line_to(context, x + width, y)
        cairo_stroke(context)
    }

    func nextPage() {
        cairo_show_page(context)
    }

    /// Ends the last page and returns the whole PDF.
    func finish() throws(InvoiceRenderError) -> Data {
        cairo_show_page(context)
        cairo_surface_finish(surface)
        if let failure = Self.failure(cairo_surface_status(surface)) { throw failure }
        return sink.data
    }

    private func prepare(_ markup: String, width: Double, style: TextStyle) {
        if let font = fonts[style.font] { pango_layout_set_font_description(layout, font) }
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        // A negative height counts lines: the limit that triggers the "…".
        pango_layout_set_height(layout, -style.maxLines)
        pango_layout_set_alignment(layout, style.alignment == .right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT)
        pango_layout_set_markup(layout, markup, -1)
    }

    private static func failure(_ status: cairo_status_t) -> InvoiceRenderError? {
        guard status != CAIRO_STATUS_SUCCESS else { return nil }
        return InvoiceRenderError(cairoStatus: cairo_status_to_string(status).map { String(cString: $0) } ?? "status \(status.rawValue)")
    }
}
