import Foundation

/// A file attached to an outgoing mail.
public struct MailAttachment: Sendable, Equatable {
    public var fileName: String
    public var mimeType: String
    /// Where the composer reads the bytes from.
    private(set) var source: AttachmentSource

    /// The bytes; empty when they stay in a stored file (only on the send path, see `source`).
    public var data: Data {
        get { if case .memory(let data) = source { data } else { Data() } }
        set { source = .memory(newValue) }
    }

    public init(fileName: String, mimeType: String, data: Data) {
        self.init(fileName: fileName, mimeType: mimeType, source: .memory(data))
    }

    /// An attachment read from a stored file only as the mail is written (the send path).
    init(fileName: String, mimeType: String, source: AttachmentSource) {
        self.fileName = fileName
        self.mimeType = mimeType
        self.source = source
    }
}

/// Where an attachment's bytes are: in memory, or a stored file read in pieces as the mail is
/// written (a 25 MB PDF need not be held whole, nor its 34 MB of base64).
enum AttachmentSource: Sendable, Equatable {
    case memory(Data)
    case file(URL, count: Int)

    var count: Int {
        switch self {
        case .memory(let data): data.count
        case .file(_, let count): count
        }
    }

    /// Calls `body` with the bytes, in pieces of at most `chunk` bytes (a multiple of 57 keeps
    /// base64 lines whole), in order.
    func forEachChunk(_ chunk: Int, _ body: (UnsafeRawBufferPointer) throws -> Void) throws {
        switch self {
        case .memory(let data):
            try data.withUnsafeBytes { bytes in
                var start = 0
                repeat {
                    let end = min(bytes.count, start + chunk)
                    try body(UnsafeRawBufferPointer(rebasing: bytes[start..<end]))
                    start = end
                } while start < bytes.count
            }
        case .file(let url, let count):
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            var read = 0
            while read < count {
                guard let piece = try handle.read(upToCount: min(chunk, count - read)), !piece.isEmpty else {
                    throw BlobUnreadable(description: "stored file \(url.path) ended early (\(read) of \(count) bytes)")
                }
                try piece.withUnsafeBytes(body)
                read += piece.count
            }
        }
    }
}
