import Foundation
import NIOPosix

/// A batch of documents taken together, so that the waits overlap: their files are fetched and
/// fsynced side by side, then moved into place in feed order, their folders fsynced once, and
/// only then are the documents acknowledged, side by side too. A kill at any moment leaves
/// whole files only (a temporary one is swept at the next start), and what a batch had
/// already moved into place is recognised by its SHA-256 when the batch is taken again.
struct SyncBatch {
    let dossier: String
    let items: [FeedClient.Item]
    let client: FeedClient
    let layout: SyncFolder
    /// Threads for the blocking file work (write + fsync, renames), off the cooperative pool;
    /// as many fsyncs wait side by side as it has threads.
    let disk: NIOThreadPool
    /// Requests in flight at once (AsyncHTTPClient keeps that many connections alive).
    static let width = 8

    struct Move { let file: FeedClient.File; let target: URL }

    func take() async throws {
        let moves = try plan()
        let temporaries = try await moves.concurrentMap(width: Self.width) { [client, layout, disk] move in
            let data = try await client.download(move.file)
            guard SyncFolder.sha256(data) == move.file.sha256 else { throw DownloadCorrupted(name: move.file.name) }
            return try await disk.runIfActive { try layout.temporaryFile(data) }
        }
        try await disk.runIfActive { [layout] in
            for (move, temporary) in zip(moves, temporaries) { try layout.move(temporary, to: move.target) }
            Set(moves.map { $0.target.deletingLastPathComponent() }).forEach(layout.settle)
        }
        _ = try await items.concurrentMap(width: Self.width) { [client, dossier] item in try await client.ack(dossier, item.id) }
    }

    /// Each file's place, in feed order and each document's PDF before its UBL (software that
    /// watches for the XML finds the pair complete); files already there are left out.
    func plan() throws -> [Move] {
        let order = ["pdf": 0, "original": 1, "ubl": 2]
        var claimed: [String: String] = [:]
        var moves: [Move] = []
        for item in items {
            for file in item.files.sorted(by: { order[$0.role, default: 1] < order[$1.role, default: 1] }) {
                guard let target = try layout.destination(dossier: dossier, kind: item.kind, name: file.name, sha256: file.sha256,
                                                          id: item.id, version: item.version, claimed: claimed) else { continue }
                claimed[target.path] = file.sha256
                moves.append(Move(file: file, target: target))
            }
        }
        return moves
    }
}

extension Array where Element: Sendable {
    /// `transform` over the elements, at most `width` at a time, results in the elements' order.
    func concurrentMap<T: Sendable>(width: Int, _ transform: @escaping @Sendable (Element) async throws -> T) async throws -> [T] {
        try await withThrowingTaskGroup(of: (Int, T).self) { group in
            var results = [T?](repeating: nil, count: count)
            var next = 0
            while next < Swift.min(width, count) {
                let (index, element) = (next, self[next])
                group.addTask { (index, try await transform(element)) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < count {
                    let (index, element) = (next, self[next])
                    group.addTask { (index, try await transform(element)) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}
