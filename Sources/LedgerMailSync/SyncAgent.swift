public import Foundation
import NIOPosix

/// The BillSync agent: pulls every dossier the token sees into a folder, PDF before UBL, then
/// acknowledges; resumes where it stopped; waits and retries while the server is away.
public struct SyncAgent: Sendable {
    let server: URL
    let token: String
    let folder: URL
    let caFile: String?
    let interval: Duration
    let say: @Sendable (String) -> Void
    static let pageSize = 200
    /// Documents taken together (`SyncBatch`); a kill redoes at most one batch's renames and acks.
    static let batchSize = 50

    public init(server: URL, token: String, folder: URL, caFile: String?, interval: Duration, say: @escaping @Sendable (String) -> Void) {
        (self.server, self.token, self.folder, self.caFile, self.interval, self.say) = (server, token, folder, caFile, interval, say)
    }

    /// One pass (`once`) or passes every `interval` until cancelled. A server that cannot be
    /// reached is waited for with a growing pause (1 s doubling to 5 min); a refused token ends
    /// it. With `once` (cron) the agent gives up after `tries` attempts, so cron hears of it.
    public func run(once: Bool, tries: Int = 7) async throws {
        let client = try FeedClient(server: server, token: token, caFile: caFile)
        let disk = NIOThreadPool(numberOfThreads: SyncBatch.width)
        disk.start()
        do {
            try await loop(client, disk, once: once, tries: tries)
        } catch {
            try? await client.http.shutdown()
            try? await disk.shutdownGracefully()
            throw error
        }
        try? await client.http.shutdown()
        try? await disk.shutdownGracefully()
    }

    func loop(_ client: FeedClient, _ disk: NIOThreadPool, once: Bool, tries: Int) async throws {
        var pause = Duration.seconds(1)
        var failures = 0
        while true {
            do {
                let written = try await pass(client, disk)
                say("pass done: \(written) document(s) written")
                if once { return }
                pause = .seconds(1)
                try await Task.sleep(for: interval)
            } catch let error as TokenRefused {
                throw error
            } catch is CancellationError {
                return
            } catch {
                failures += 1
                if once, failures >= tries { throw ServerUnreachable(tries: failures, last: "\(error)") }
                say("server unreachable or failing (\(error)); trying again in \(pause.components.seconds) s")
                try await Task.sleep(for: pause)
                pause = min(pause * 2, .seconds(300))
            }
        }
    }

    func pass(_ client: FeedClient, _ disk: NIOThreadPool) async throws -> Int {
        let layout = SyncFolder(root: folder)
        var state = try layout.open()
        var written = 0
        for dossier in try await client.dossiers() {
            while true {
                let page = try await client.page(dossier, after: state.cursors[dossier], limit: Self.pageSize)
                let done = Set(state.done[dossier] ?? [])
                let waiting = page.items.filter { !done.contains($0.id) }
                for start in stride(from: 0, to: waiting.count, by: Self.batchSize) {
                    let items = Array(waiting[start..<min(start + Self.batchSize, waiting.count)])
                    try await SyncBatch(dossier: dossier, items: items, client: client, layout: layout, disk: disk).take()
                    state.done[dossier, default: []] += items.map(\.id)
                    try layout.save(state)
                    if (written + items.count) / 100 > written / 100 { say("\(dossier): \(written + items.count) document(s) written") }
                    written += items.count
                }
                state.cursors[dossier] = page.next
                state.done[dossier] = nil
                try layout.save(state)
                if page.items.count < Self.pageSize { break }
            }
        }
        return written
    }
}

/// `sync --once` tried the server as often as it was told to and never got through.
public struct ServerUnreachable: Error, CustomStringConvertible {
    public let tries: Int
    public let last: String
    public var description: String {
        "the server could not be reached in \(tries) tries (last: \(last)); nothing was lost: the next run goes on where this one stopped"
    }
}
