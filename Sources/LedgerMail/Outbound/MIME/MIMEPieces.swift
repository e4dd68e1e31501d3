import Foundation

/// A composed mail before it is one buffer: literal bytes (headers, text, boundaries) and the
/// attachments still raw, to be written as base64 lines. Knowing every piece's final size lets
/// `render` allocate once and encode each attachment straight into its place.
struct MIMEPieces {
    enum Piece {
        case literal([UInt8])
        case base64(Data)

        var encodedCount: Int {
            switch self {
            case .literal(let bytes): bytes.count
            case .base64(let data): Base64Lines.encodedCount(data.count)
            }
        }
    }

    private(set) var pieces: [Piece] = []
    private var pending: [UInt8] = []

    mutating func append(_ text: String) { pending.append(contentsOf: text.utf8) }
    mutating func append(_ bytes: [UInt8]) { pending.append(contentsOf: bytes) }

    mutating func appendBase64(_ data: Data) {
        flush()
        pieces.append(.base64(data))
    }

    /// Ends the message: what was appended last becomes a piece of its own.
    mutating func finish() { flush() }

    private mutating func flush() {
        if !pending.isEmpty { pieces.append(.literal(pending)) }
        pending = []
    }

    var count: Int { pieces.reduce(0) { $0 + $1.encodedCount } }

    /// The whole message in one allocation, handed to `Data` without a copy.
    func render() -> Data {
        let total = count
        guard total > 0, let base = malloc(total)?.assumingMemoryBound(to: UInt8.self) else { return Data() }
        var offset = 0
        for piece in pieces {
            switch piece {
            case .literal(let bytes):
                bytes.withUnsafeBufferPointer { (base + offset).update(from: $0.baseAddress!, count: $0.count) }
                offset += bytes.count
            case .base64(let data):
                offset += data.withUnsafeBytes { Base64Lines.encode($0, into: base + offset) }
            }
        }
        return Data(bytesNoCopy: base, count: total, deallocator: .free)
    }
}
