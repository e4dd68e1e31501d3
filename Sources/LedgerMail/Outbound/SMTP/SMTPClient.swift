import Dispatch
import Foundation

/// Sends messages over one reused SMTP connection, off the cooperative thread pool:
/// libcurl blocks, so every transfer runs on this client's own serial dispatch queue.
final class SMTPClient: Sendable {
    private let queue = DispatchQueue(label: "ledgermail.smtp")
    private let connection: CurlSMTPConnection

    public init(server: SMTPServer) throws {
        connection = try CurlSMTPConnection(server: server)
    }

    deinit {
        // QUIT and its reply happen on the queue, not on whatever (cooperative) thread dropped
        // the client; the connection's own deinit then has nothing left to do.
        queue.async { [connection] in connection.close() }
    }

    public func send(envelopeFrom: EmailAddress, recipients: [EmailAddress], message: Data) async -> SMTPTransfer {
        await send(envelopeFrom: envelopeFrom, recipients: recipients, message: MIMEPieces(message: message))
    }

    /// Sends a message still in pieces: its attachments are read and encoded as they are uploaded.
    func send(envelopeFrom: EmailAddress, recipients: [EmailAddress], message: MIMEPieces) async -> SMTPTransfer {
        await withCheckedContinuation { continuation in
            queue.async { [connection] in
                continuation.resume(returning: Session(connection: connection)
                    .send(envelopeFrom: envelopeFrom, recipients: recipients, message: message))
            }
        }
    }

    /// Runs `body` on this client's queue with the session: a send pass's loop (claim, transfer,
    /// record, next) runs there whole, with no hop between threads from one mail to the next.
    func run<T: Sendable>(_ body: @escaping @Sendable (Session) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { [connection] in continuation.resume(with: Result { try body(Session(connection: connection)) }) }
        }
    }

    /// The session as `run` hands it to its body: each send blocks the calling thread, the
    /// client's queue. Only valid inside that body.
    struct Session {
        fileprivate let connection: CurlSMTPConnection

        func send(envelopeFrom: EmailAddress, recipients: [EmailAddress], message: MIMEPieces) -> SMTPTransfer {
            connection.send(envelopeFrom: envelopeFrom.value, recipients: recipients.map(\.value), message: message)
        }
    }
}
