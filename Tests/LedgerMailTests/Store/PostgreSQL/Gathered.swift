import Foundation

/// What several threads found (errors, results), gathered under a lock.
final class Gathered<Element: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var elements: [Element] = []
    func add(_ element: Element) { lock.withLock { elements.append(element) } }
    var all: [Element] { lock.withLock { elements } }
}

extension Gathered<String> {
    func add(_ error: any Error) { add("\(error)") }
}
