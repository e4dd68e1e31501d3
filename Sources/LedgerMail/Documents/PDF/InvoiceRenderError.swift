/// Why an invoice PDF could not be produced. Only cairo itself fails here
/// (out of memory, a broken font setup); the document's content never does.
struct InvoiceRenderError: Error, Equatable, CustomStringConvertible {
    /// cairo's own text for the status, e.g. "out of memory".
    public var cairoStatus: String

    public var description: String {
        "The invoice PDF could not be drawn: \(cairoStatus)."
    }
}
