import Dispatch

/// Runs blocking work (stored files read, a large mail composed, a wait on SQLite's lock) on a
/// dispatch queue, so the cooperative thread pool (two threads on a two-core machine) stays
/// free for the service's signal handling and the other tasks.
func runBlocking<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        DispatchQueue.global(qos: .utility).async {
            continuation.resume(with: Result { try body() })
        }
    }
}
