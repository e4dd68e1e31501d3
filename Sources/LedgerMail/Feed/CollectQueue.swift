/// The feed's acknowledgements, written together when they arrive together: an agent sends
/// several at once, and each write would otherwise hold a thread of the cooperative pool (two
/// here) while it waits its turn at SQLite's one writer, then pay a transaction of its own.
/// The first ack is written at once, off the pool; those that arrive meanwhile wait for it and
/// go in the next transaction (group commit). Each still answers only once it is stored.
public actor CollectQueue {
    let gateway: Gateway
    private var waiting: [(request: AckRequest, answer: CheckedContinuation<Acknowledgement, any Error>)] = []
    private var writing = false

    public init(gateway: Gateway) { self.gateway = gateway }

    /// `DocumentFeed.collect(dossier:documentID:by:)`, written with the acks that arrive alongside.
    public func collect(dossier: String, documentID: Int64, by account: String) async throws -> Acknowledgement {
        try await withCheckedThrowingContinuation { answer in
            waiting.append((AckRequest(dossier: dossier, documentID: documentID, account: account), answer))
            if !writing {
                writing = true
                Task { await writeWaiting() }
            }
        }
    }

    private func writeWaiting() async {
        while !waiting.isEmpty {
            let batch = waiting
            waiting = []
            let results: [Result<Acknowledgement, any Error>]
            do {
                results = try await runBlocking { [gateway] in try gateway.feed.collect(batch.map(\.request)) }
            } catch {
                results = batch.map { _ in .failure(error) }
            }
            for (entry, result) in zip(batch, results) { entry.answer.resume(with: result) }
        }
        writing = false
    }
}
