import Synchronization

/// A flag a task's cancellation handler raises for work running outside Swift concurrency
/// (a blocking C loop on a dispatch queue), which checks it between its blocking steps.
final class CancellationSignal: Sendable {
    private let raised = Mutex(false)

    var isRaised: Bool { raised.withLock { $0 } }

    func raise() { raised.withLock { $0 = true } }
}
