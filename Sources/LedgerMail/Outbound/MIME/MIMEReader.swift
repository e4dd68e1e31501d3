import Foundation

/// Hands a `MIMEPieces` message out in order, a buffer at a time, encoding each attachment as it
/// goes: what libcurl's read callback pulls. At most one chunk of an attachment (57 KB) and its
/// base64 (78 KB) are held at once, whatever the attachment weighs.
final class MIMEReader {
    private let pieces: [MIMEPieces.Piece]
    private var index = 0
    /// How far into the current piece (bytes of a literal, or of an attachment before encoding),
    /// and the stored file it is read from.
    private var consumed = 0
    private var file: FileHandle?
    /// Encoded bytes not handed out yet.
    private var staged: [UInt8] = []
    private var stagedOffset = 0
    /// Why the message could not be read to its end (a stored file gone or short), if it could not.
    private(set) var failure: (any Error)?

    static let chunk = Base64Lines.bytesPerLine << 10

    init(_ message: MIMEPieces) { pieces = message.pieces }

    deinit { try? file?.close() }

    /// Copies up to `capacity` bytes to `buffer`; 0 at the end, nil when the message cannot be
    /// read further (`failure` says why).
    func read(into buffer: UnsafeMutableRawPointer, capacity: Int) -> Int? {
        var written = 0
        while written < capacity {
            if stagedOffset < staged.count {
                let length = min(capacity - written, staged.count - stagedOffset)
                staged.withUnsafeBytes { (buffer + written).copyMemory(from: $0.baseAddress! + stagedOffset, byteCount: length) }
                stagedOffset += length
                written += length
                continue
            }
            guard index < pieces.count else { break }
            do {
                try stageNext(room: capacity - written, into: buffer + written, written: &written)
            } catch {
                failure = error
                return nil
            }
        }
        return written
    }

    /// Moves the current piece forward: a literal straight into the caller's buffer, an
    /// attachment's next chunk encoded into `staged`.
    private func stageNext(room: Int, into buffer: UnsafeMutableRawPointer, written: inout Int) throws {
        switch pieces[index] {
        case .literal(let bytes):
            let length = min(room, bytes.count - consumed)
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0.baseAddress! + consumed, byteCount: length) }
            written += length
            consumed += length
            if consumed == bytes.count { advance() }
        case .base64(let source):
            let want = min(Self.chunk, source.count - consumed)
            guard want > 0 else { return advance() }
            let piece: Data
            switch source {
            case .memory(let data):
                piece = data.subdata(in: data.startIndex + consumed..<data.startIndex + consumed + want)
            case .file(let url, let count):
                if file == nil { file = try FileHandle(forReadingFrom: url) }
                guard let read = try file?.read(upToCount: want), read.count == want else {
                    throw BlobUnreadable(description: "stored file \(url.path) ended early (\(consumed) of \(count) bytes)")
                }
                piece = read
            }
            consumed += want
            staged = [UInt8](repeating: 0, count: Base64Lines.encodedCount(want))
            staged.withUnsafeMutableBufferPointer { out in piece.withUnsafeBytes { _ = Base64Lines.encode($0, into: out.baseAddress!) } }
            stagedOffset = 0
            if consumed == source.count { advance() }
        }
    }

    private func advance() {
        try? file?.close()
        file = nil
        consumed = 0
        index += 1
    }
}
