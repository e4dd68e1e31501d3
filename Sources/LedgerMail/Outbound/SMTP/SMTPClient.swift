import Dispatch
import Foundation

/// Sends messages over one reused SMTP connection, off the cooperative thread pool:
/// libcurl blocks, so every transfer runs on this client's own serial dispatch queue.
public final class SMTPClient: Sendable {
    private let queue = DispatchQueue(label: "ledgermail.smtp")
    private let connection: CurlSMTPConnection

    public init(server: SMTPServer) throws {
        connection = try CurlSMTPConnection(server: server)
    }

    deinit {
        // The last reference goes on the queue: curl_easy_cleanup says QUIT and waits for the
        // server's answer there, not on whatever (cooperative) thread dropped the client.
        queue.async { [connection] in withExtendedLifetime(connection) {} }
    }

    public func send(envelopeFrom: EmailAddress, recipients: [EmailAddress], message: Data) async -> SMTPTransfer {
        await withCheckedContinuation { continuation in
            queue.async { [connection] in
                continuation.resume(returning: connection.send(
                    envelopeFrom: envelopeFrom.value, recipients: recipients.map(\.value), message: message))
            }
        }
    }
}
