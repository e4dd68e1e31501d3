import Foundation

extension BlobStore {
    /// The name of a blob being written: `.tmp-<pid>-<uuid>`, so a later start can tell a
    /// killed writer's file from a live one's.
    static func temporaryName() -> String { ".tmp-\(getpid())-\(UUID().uuidString)" }

    /// Removes temporary files a killed import left (`kill -9` between write and rename):
    /// older than `age` and not of a process still alive. A running import's own file is never
    /// touched: it is fresh, and its process lives. Returns how many went.
    @discardableResult
    func removeAbandonedTemporaryFiles(olderThan age: TimeInterval, now: Date) -> Int {
        let fm = FileManager.default
        guard let folders = try? fm.contentsOfDirectory(atPath: directory.path) else { return 0 }
        var removed = 0
        for folder in folders where folder.count == 2 {
            let path = directory.appendingPathComponent(folder).path
            for name in (try? fm.contentsOfDirectory(atPath: path)) ?? [] where name.hasPrefix(".tmp-") {
                let file = path + "/" + name
                guard let modified = (try? fm.attributesOfItem(atPath: file))?[.modificationDate] as? Date,
                      now.timeIntervalSince(modified) > age, !Self.writerIsAlive(name) else { continue }
                if (try? fm.removeItem(atPath: file)) != nil { removed += 1 }
            }
        }
        return removed
    }

    /// Whether the process named in `.tmp-<pid>-…` still runs (names without one: no).
    private static func writerIsAlive(_ name: String) -> Bool {
        let parts = name.dropFirst(".tmp-".count).split(separator: "-", maxSplits: 1)
        guard parts.count == 2, let pid = pid_t(parts[0]), pid > 0 else { return false }
        return kill(pid, 0) == 0 || errno == EPERM
    }
}
