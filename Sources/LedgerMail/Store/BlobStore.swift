import Crypto
import Foundation

/// Document and mail bytes, content addressed by SHA-256 under `<data_dir>/store/ab/cdef…`.
///
/// A blob is written to a temporary file, flushed to disk, then renamed into place: a crash
/// leaves either the whole blob or nothing, and writing the same bytes twice is harmless.
struct BlobStore: Sendable {
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
        try putAll([data])[0]
    }

    /// Stores every piece and returns their hashes, with one flush for all of them: each written
    /// to a temporary file, the file system flushed once (`syncfs`), each renamed into place,
    /// flushed again. When this returns, every piece is on disk under its name, so a row may
    /// point at it; a crash before leaves at most unnamed temporaries and pieces nobody points at.
    @discardableResult
    public func putAll(_ pieces: [Data]) throws -> [String] {
        let hashes = pieces.map(Self.sha256Hex)
        var moves: [(from: String, to: String)] = []
        var seen = Set<String>()
        for (hash, data) in zip(hashes, pieces) where seen.insert(hash).inserted {
            let target = url(for: hash)
            guard !FileManager.default.fileExists(atPath: target.path) else { continue }
            do { try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
                for move in moves { unlink(move.from) }
                throw Self.isOutOfSpace(error) ? DiskFull(path: directory.path) : error
            }
            let temporary = target.deletingLastPathComponent().appendingPathComponent(Self.temporaryName()).path
            do { try writeNew(data, to: temporary) } catch {
                for move in moves { unlink(move.from) }
                throw error
            }
            moves.append((temporary, target.path))
        }
        guard !moves.isEmpty else { return hashes }
        do {
            try flush()
            for move in moves where rename(move.from, move.to) != 0 {
                throw FileNotWritten(path: move.to, reason: String(cString: strerror(errno)))
            }
            try flush()
        } catch {
            for move in moves { unlink(move.from) }
            throw error
        }
        return hashes
    }

    private func writeNew(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            if errno == ENOSPC { throw DiskFull(path: directory.path) }
            throw FileNotWritten(path: path, reason: String(cString: strerror(errno)))
        }
        defer { close(descriptor) }
        try data.withUnsafeBytes { bytes in
            var done = 0
            while done < bytes.count {
                let written = write(descriptor, bytes.baseAddress! + done, bytes.count - done)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    let code = errno
                    unlink(path)
                    if code == ENOSPC || code == EDQUOT { throw DiskFull(path: directory.path) }
                    throw FileNotWritten(path: path, reason: String(cString: strerror(code)))
                }
                done += written
            }
        }
    }

    /// One flush of the whole file system the store is on: cheaper than an fsync per file when
    /// a batch writes hundreds of them.
    private func flush() throws {
        let descriptor = open(directory.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        #if os(Linux)
        let flushed = descriptor >= 0 && syncfs(descriptor) == 0
        #else
        let flushed = descriptor >= 0 && { sync(); return true }()
        #endif
        guard flushed else {
            let reason = String(cString: strerror(errno))
            if descriptor >= 0 { close(descriptor) }
            throw FileNotWritten(path: directory.path, reason: "cannot flush the document store: \(reason)")
        }
        close(descriptor)
    }

    /// The bytes stored under `hash` as an attachment: in memory, or (when `streamingOver` is given
    /// and the file is larger) the file itself, to be read in pieces later. Either way checked
    /// against its SHA-256 first: a streamed file is hashed in pieces, never held whole.
    func source(_ hash: String, streamingOver threshold: Int?) throws -> AttachmentSource {
        let file = url(for: hash)
        // stat(2), not FileManager's attributes: those also look up the owner's user and group
        // names, reading /etc/passwd and /etc/group for every attachment sent.
        var info = stat()
        if let threshold, stat(file.path, &info) == 0, Int(info.st_size) > threshold {
            let size = Int(info.st_size)
            guard try Self.streamedSHA256(file) == hash else { throw StoredFileChanged(path: file.path, sha256: hash) }
            return .file(file, count: size)
        }
        return .memory(try get(hash))
    }

    private static func streamedSHA256(_ file: URL) throws -> String {
        do {
            let handle = try FileHandle(forReadingFrom: file)
            defer { try? handle.close() }
            var hasher = SHA256()
            while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty { hasher.update(data: chunk) }
            return Hex.lowercase(hasher.finalize())
        } catch {
            throw BlobUnreadable(description: "stored file \(file.path) could not be read: \(error.localizedDescription)")
        }
    }

    private static func isOutOfSpace(_ error: any Error) -> Bool {
        if let error = error as? CocoaError, error.code == .fileWriteOutOfSpace { return true }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return (error as NSError).domain == NSPOSIXErrorDomain && (error as NSError).code == Int(ENOSPC)
            || underlying?.domain == NSPOSIXErrorDomain && underlying?.code == Int(ENOSPC)
    }

    /// Removes a stored file no row refers to any more (a removed dossier's). Already gone is fine.
    func remove(_ hash: String) throws {
        do { try FileManager.default.removeItem(at: url(for: hash)) } catch CocoaError.fileNoSuchFile {}
    }

    /// The bytes stored under `hash`, checked against it: every read (send, preview, export)
    /// goes through here, so bytes changed on disk after import are never used.
    /// Missing is `StoredFileMissing` (nothing will bring them back by waiting); present but
    /// unreadable (permissions, I/O, too many open files) is `BlobUnreadable`, which may pass;
    /// other bytes than were stored is `StoredFileChanged`.
    public func get(_ hash: String) throws -> Data {
        let file = url(for: hash)
        do {
            let data = try Data(contentsOf: file)
            guard Self.sha256Hex(data) == hash else { throw StoredFileChanged(path: file.path, sha256: hash) }
            return data
        } catch let error as StoredFileChanged {
            throw error
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            throw StoredFileMissing(sha256: hash, store: directory.path)
        } catch {
            throw BlobUnreadable(description: "stored file \(file.path) could not be read: \(error.localizedDescription)")
        }
    }
}

#if os(Linux)
/// glibc declares syncfs(2) only under _GNU_SOURCE, which Swift's Glibc module does not set.
@_silgen_name("syncfs")
private func syncfs(_ descriptor: Int32) -> Int32
#endif

/// A stored file that is there but could not be read now: worth another try later.
public struct BlobUnreadable: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// A stored file whose bytes no longer match the SHA-256 they were stored under: changed on
/// disk after import (by hand, a faulty disk, an intruder). Never sent, previewed or exported.
public struct StoredFileChanged: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let sha256: String
    public var description: String {
        "the stored file \(path) no longer matches its SHA-256 (\(sha256)): it was changed on disk after import, so it is not used; nothing was sent. Put the original bytes back (from a backup: the file name is the rest of their SHA-256)"
    }
}
