import Foundation

/// Runs async work from a blocking context (the thread `TestPostgres.withDatabase` runs on,
/// off the cooperative pool), waiting for its result.
func awaitBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    return try box.result!.get()
}

private final class ResultBox<T: Sendable>: @unchecked Sendable { var result: Result<T, any Error>? }
