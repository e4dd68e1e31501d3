import Foundation
import PostgresNIO

extension PostgresEngine {
    /// A session advisory lock on a connection of its own, held for the whole pass (IMAP in
    /// between): another worker waits for it. A worker that dies loses its connection, and the
    /// lock with it; closing the connection after the pass ends it too.
    func exclusively<T>(_ pass: ExclusivePass, _ body: () async throws -> T) async throws -> T {
        let connector = pool.connector
        let session = try await runBlocking { PostgresTransaction(connection: try connector.connect(id: -1), connector: connector) }
        do {
            while try await runBlocking({ try session.fetchValue(Bool.self, "SELECT pg_try_advisory_lock($1)", try .of(pass.advisoryKey)) }) != true {
                try await Task.sleep(for: .milliseconds(200))
            }
            let result = try await body()
            try? await session.connection.close()
            return result
        } catch {
            try? await session.connection.close()
            throw error
        }
    }
}
