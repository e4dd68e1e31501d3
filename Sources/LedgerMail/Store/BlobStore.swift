import Crypto
import Foundation

/// Document and mail bytes, content addressed by SHA-256 under `<data_dir>/store/ab/cdef…`.
///
/// A blob is written to a temporary file, flushed to disk, then renamed into place: a crash
/// leaves either the whole blob or nothing, and writing the same bytes twice is harmless.
public struct BlobStore: Sendable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    public static func sha256Hex(_ data: Data) -> String {
        Hex.lowercase(SHA256.hash(data: data))
    }

    func url(for hash: String) -> URL {
        directory.appendingPathComponent(String(hash.prefix(2)), isDirectory: true)
            .appendingPathComponent(String(hash.dropFirst(2)))
    }

    /// Stores `data` and returns its hash.
    @discardableResult
    public func put(_ data: Data) throws -> String {
        let hash = Self.sha256Hex(data)
        let target = url(for: hash)
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) { return hash }
        try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let temporary = target.deletingLastPathComponent().appendingPathComponent(".tmp-\(UUID().uuidString)")
        guard fm.createFile(atPath: temporary.path, contents: nil) else {
            throw StorageError("cannot create \(temporary.path)")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? fm.removeItem(at: temporary)
            throw error
        }
        if rename(temporary.path, target.path) != 0 {
            try? fm.removeItem(at: temporary)
            throw StorageError("cannot move blob into place at \(target.path): \(String(cString: strerror(errno)))")
        }
        return hash
    }

    /// The bytes stored under `hash`. Missing is `StorageError` (nothing will bring them back
    /// by waiting); present but unreadable (permissions, I/O, too many open files) is
    /// `BlobUnreadable`, which may pass.
    public func get(_ hash: String) throws -> Data {
        let file = url(for: hash)
        do {
            return try Data(contentsOf: file)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            throw StorageError("stored file \(hash) is missing from \(directory.path)")
        } catch {
            throw BlobUnreadable(description: "stored file \(file.path) could not be read: \(error.localizedDescription)")
        }
    }
}

/// A stored file that is there but could not be read now: worth another try later.
public struct BlobUnreadable: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// The data directory or the blob store cannot be written or read.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
