import Dispatch

/// Runs IMAP work off the cooperative thread pool: libetpan blocks, so each session lives
/// and dies on this client's serial dispatch queue.
final class IMAPClient: Sendable {
    private let server: IMAPServer
    private let queue = DispatchQueue(label: "ledgermail.imap")

    public init(server: IMAPServer) { self.server = server }

    /// Connects, verifies the certificate, logs in, and runs `body` with the session.
    func withSession<T: Sendable>(_ body: @escaping @Sendable (IMAPSession, IMAPServer) throws -> T) async throws -> T {
        let server = self.server
        return try await withCheckedThrowingContinuation { continuation in
            queue.async {
                continuation.resume(with: Result {
                    let session = try IMAPSession()
                    try session.connect(server)
                    try session.login(username: server.username, password: server.password)
                    return try body(session, server)
                })
            }
        }
    }
}
