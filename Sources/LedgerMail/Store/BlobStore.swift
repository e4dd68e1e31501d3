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
        SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
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
        do { try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true) } catch {
            throw Self.isOutOfSpace(error) ? DiskFull(path: directory.path) : error
        }
        let temporary = target.deletingLastPathComponent().appendingPathComponent(Self.temporaryName())
        guard fm.createFile(atPath: temporary.path, contents: nil) else {
            if errno == ENOSPC { throw DiskFull(path: directory.path) }
            throw StorageError("cannot create \(temporary.path): \(String(cString: strerror(errno))); check that this user may write the data directory")
        }
        do {
            let handle = try FileHandle(forWritingTo: temporary)
            defer { try? handle.close() }
            try handle.write(contentsOf: data)
            try handle.synchronize()
        } catch {
            try? fm.removeItem(at: temporary)
            throw Self.isOutOfSpace(error) ? DiskFull(path: directory.path) : error
        }
        if rename(temporary.path, target.path) != 0 {
            try? fm.removeItem(at: temporary)
            throw StorageError("cannot move blob into place at \(target.path): \(String(cString: strerror(errno)))")
        }
        return hash
    }

    /// Removes a stored file no row refers to any more (a removed dossier's). Already gone is fine.
    func remove(_ hash: String) throws {
        do { try FileManager.default.removeItem(at: url(for: hash)) } catch CocoaError.fileNoSuchFile {}
    }

    private static func isOutOfSpace(_ error: any Error) -> Bool {
        if let error = error as? CocoaError, error.code == .fileWriteOutOfSpace { return true }
        let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError
        return (error as NSError).domain == NSPOSIXErrorDomain && (error as NSError).code == Int(ENOSPC)
            || underlying?.domain == NSPOSIXErrorDomain && underlying?.code == Int(ENOSPC)
    }

    /// The bytes stored under `hash`, checked against it: every read (send, preview, export)
    /// goes through here, so bytes changed on disk after import are never used.
    /// Missing is `StorageError` (nothing will bring them back by waiting); present but
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

/// A stored file whose bytes no longer match the SHA-256 they were stored under: changed on
/// disk after import (by hand, a faulty disk, an intruder). Never sent, previewed or exported.
public struct StoredFileChanged: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let sha256: String
    public var description: String {
        "the stored file \(path) no longer matches its SHA-256 (\(sha256)): it was changed on disk after import, so it is not used; nothing was sent. Put the original bytes back (from a backup: the file name is the rest of their SHA-256)"
    }
}

/// The data directory or the blob store cannot be written or read.
public struct StorageError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
