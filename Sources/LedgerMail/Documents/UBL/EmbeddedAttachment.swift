import Foundation

/// One decoded AdditionalDocumentReference/Attachment/EmbeddedDocumentBinaryObject.
public struct EmbeddedAttachment: Sendable, Equatable {
    /// The reference's cbc:ID.
    public var referenceID: String?
    /// The filename attribute, else the reference ID, else "attachment":
    /// the OASIS examples carry no filename but the mail still needs one.
    public var filename: String
    /// mimeCode as declared; senders get it wrong, so see `isPDF`.
    public var mimeType: String?
    public var data: Data

    public init(referenceID: String?, filename: String, mimeType: String?, data: Data) {
        self.referenceID = referenceID
        self.filename = filename
        self.mimeType = mimeType
        self.data = data
    }

    /// Judged by the bytes, not the declared type: several public samples
    /// label a few bytes of text as application/pdf.
    public var isPDF: Bool { data.starts(with: Self.pdfMagic) }

    static let pdfMagic: [UInt8] = Array("%PDF".utf8)
}
