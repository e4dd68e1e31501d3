import Foundation

/// A composed mail before it is one buffer: literal bytes (headers, text, boundaries) and the
/// attachments still raw, to be written as base64 lines. Knowing every piece's final size lets
/// `render` allocate once and encode each attachment straight into its place, and lets `Reader`
/// hand the mail to libcurl piece by piece without ever holding it whole.
struct MIMEPieces: Sendable {
    enum Piece: Sendable {
        case literal(Data)
        case base64(AttachmentSource)

        var encodedCount: Int {
            switch self {
            case .literal(let bytes): bytes.count
            case .base64(let source): Base64Lines.encodedCount(source.count)
            }
        }
    }

    private(set) var pieces: [Piece] = []
    private var pending: [UInt8] = []

    init() {}

    /// A message already composed, as one piece.
    init(message: Data) { pieces = [.literal(message)] }

    mutating func append(_ text: String) { pending.append(contentsOf: text.utf8) }
    mutating func append(_ bytes: [UInt8]) { pending.append(contentsOf: bytes) }

    mutating func appendBase64(_ source: AttachmentSource) {
        flush()
        pieces.append(.base64(source))
    }

    /// Ends the message: what was appended last becomes a piece of its own.
    mutating func finish() { flush() }

    private mutating func flush() {
        if !pending.isEmpty { pieces.append(.literal(Data(pending))) }
        pending = []
    }

    /// The message's size in bytes.
    var count: Int { pieces.reduce(0) { $0 + $1.encodedCount } }

    /// The whole message in one allocation, handed to `Data` without a copy.
    func render() throws -> Data {
        let total = count
        guard total > 0, let base = malloc(total)?.assumingMemoryBound(to: UInt8.self) else { return Data() }
        var offset = 0
        do {
            for piece in pieces {
                switch piece {
                case .literal(let bytes):
                    bytes.copyBytes(to: base + offset, count: bytes.count)
                    offset += bytes.count
                case .base64(let source):
                    try source.forEachChunk(Base64Lines.bytesPerLine << 14) { offset += Base64Lines.encode($0, into: base + offset) }
                }
            }
        } catch {
            free(base)
            throw error
        }
        return Data(bytesNoCopy: base, count: total, deallocator: .free)
    }
}
