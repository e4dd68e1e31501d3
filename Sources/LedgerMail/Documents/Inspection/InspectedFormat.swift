import Foundation

/// What kind of file an inspected attachment is.
public enum InspectedFormat: String, Sendable, Encodable {
    case ubl
    case pdf
    case image
    case coda

    /// PDF, PNG and JPEG by their magic bytes, CODA by its record structure.
    /// Nil for anything else, UBL included: only the reader can tell that a
    /// piece of XML is an invoice.
    public static func detect(_ data: Data) -> InspectedFormat? {
        if data.starts(with: pdfMagic) { return .pdf }
        if data.starts(with: pngMagic) || data.starts(with: jpegMagic) { return .image }
        if CODAStatement.recognise(data) != nil { return .coda }
        return nil
    }

    private static let pdfMagic: [UInt8] = Array("%PDF".utf8)
    private static let pngMagic: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
    /// SOI marker followed by the first marker's 0xFF.
    private static let jpegMagic: [UInt8] = [0xFF, 0xD8, 0xFF]
}
