import Foundation

/// One sender at a time per data directory: an exclusive `flock` on `<data_dir>/send.lock`.
///
/// The kernel drops the lock when its process dies (even by kill -9), so whoever holds it knows
/// that any delivery still marked `sending` belongs to a dead process and can be retried.
final class SendLock: Sendable {
    private let descriptor: Int32

    /// Waits (asynchronously, never blocking a thread) until the lock is free.
    static func acquire(in directory: URL) async throws -> SendLock {
        let path = directory.appendingPathComponent("send.lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw StorageError("cannot open \(path): \(String(cString: strerror(errno)))") }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                close(descriptor)
                throw StorageError("cannot lock \(path): \(String(cString: strerror(errno)))")
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        return SendLock(descriptor: descriptor)
    }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
