public import Foundation

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

    public init(server: URL, token: String, folder: URL, caFile: String?, interval: Duration, say: @escaping @Sendable (String) -> Void) {
        (self.server, self.token, self.folder, self.caFile, self.interval, self.say) = (server, token, folder, caFile, interval, say)
    }

    /// One pass (`once`) or passes every `interval` until cancelled. A server that cannot be
    /// reached is waited for with a growing pause (1 s doubling to 5 min); a refused token ends
    /// it. With `once` (cron) the agent gives up after `tries` attempts, so cron hears of it.
    public func run(once: Bool, tries: Int = 7) async throws {
        let client = try FeedClient(server: server, token: token, caFile: caFile)
        do {
            try await loop(client, once: once, tries: tries)
        } catch {
            try? await client.http.shutdown()
            throw error
        }
        try? await client.http.shutdown()
    }

    func loop(_ client: FeedClient, once: Bool, tries: Int) async throws {
        var pause = Duration.seconds(1)
        var failures = 0
        while true {
            do {
                let written = try await pass(client)
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

    func pass(_ client: FeedClient) async throws -> Int {
        let layout = SyncFolder(root: folder)
        var state = try layout.open()
        var written = 0
        for dossier in try await client.dossiers() {
            while true {
                let page = try await client.page(dossier, after: state.cursors[dossier], limit: Self.pageSize)
                let done = Set(state.done[dossier] ?? [])
                for item in page.items where !done.contains(item.id) {
                    try await take(item, of: dossier, client, layout)
                    state.done[dossier, default: []].append(item.id)
                    try layout.save(state)
                    written += 1
                    if written % 100 == 0 { say("\(dossier): \(written) document(s) written") }
                }
                state.cursors[dossier] = page.next
                state.done[dossier] = nil
                try layout.save(state)
                if page.items.count < Self.pageSize { break }
            }
        }
        return written
    }

    /// Writes a document's files (the PDF first, so software watching for the XML finds both),
    /// skipping what is already there, then acknowledges it.
    func take(_ item: FeedClient.Item, of dossier: String, _ client: FeedClient, _ layout: SyncFolder) async throws {
        let order = ["pdf": 0, "original": 1, "ubl": 2]
        var folders: Set<URL> = []
        for file in item.files.sorted(by: { order[$0.role, default: 1] < order[$1.role, default: 1] }) {
            guard let target = try layout.destination(dossier: dossier, kind: item.kind, name: file.name, sha256: file.sha256,
                                                      id: item.id, version: item.version) else { continue }
            let data = try await client.download(file)
            guard SyncFolder.sha256(data) == file.sha256 else { throw DownloadCorrupted(name: file.name) }
            try layout.place(data, at: target)
            folders.insert(target.deletingLastPathComponent())
        }
        folders.forEach(layout.settle)
        try await client.ack(dossier, item.id)
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
