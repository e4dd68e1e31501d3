import Foundation

/// Who claims deliveries: one send pass of one process on one machine (`HOST/PID/NONCE`). Its
/// claims hold for `lease`; one whose worker died is taken over when the lease ends, or at once
/// when a pass on the same machine sees that the worker's process is gone.
struct SendWorker: Sendable, Equatable {
    /// Longer than composing and uploading the largest mail; a crashed worker's mail waits this long.
    static let lease: TimeInterval = 15 * 60

    let id: String

    /// A new worker of this process (two passes at once are two workers).
    static func new() -> SendWorker {
        SendWorker(id: "\(host)/\(getpid())/\(UUID().uuidString.prefix(8))")
    }

    /// The machine's own name (`gethostname`, no name lookup).
    private static let host: String = {
        var name = [CChar](repeating: 0, count: 256)
        guard gethostname(&name, name.count - 1) == 0 else { return "localhost" }
        return String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            .replacingOccurrences(of: "/", with: "_")
    }()

    /// Whether `holder` ran on this machine in a process that no longer exists. A worker of
    /// another machine, or whose process id is in use again, is left to its lease.
    static func isGoneFromThisMachine(_ holder: String) -> Bool {
        let parts = holder.split(separator: "/")
        guard parts.count == 3, parts[0] == host, let pid = Int32(parts[1]), pid != getpid() else { return false }
        return kill(pid, 0) != 0 && errno == ESRCH
    }
}
