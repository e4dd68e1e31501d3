import Foundation

/// One holder at a time per data directory: an exclusive `flock` on `<data_dir>/NAME.lock`
/// (`inbox` for the mailbox reader). The kernel drops the lock when its process dies (even by
/// kill -9). Sending needs none: deliveries are claimed with a lease in the store.
final class DirectoryLock: Sendable {
    private let descriptor: Int32

    /// Waits (asynchronously, never blocking a thread) until the lock is free.
    static func acquire(_ name: String, in directory: URL) async throws -> DirectoryLock {
        let path = directory.appendingPathComponent("\(name).lock").path
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw LockUnavailable(path: path, reason: String(cString: strerror(errno))) }
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK else {
                close(descriptor)
                throw LockUnavailable(path: path, reason: String(cString: strerror(errno)))
            }
            do {
                try await Task.sleep(for: .milliseconds(200))
            } catch {
                close(descriptor)
                throw error
            }
        }
        return DirectoryLock(descriptor: descriptor)
    }

    private init(descriptor: Int32) { self.descriptor = descriptor }

    deinit {
        flock(descriptor, LOCK_UN)
        close(descriptor)
    }
}
