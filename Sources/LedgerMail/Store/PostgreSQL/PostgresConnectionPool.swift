import Foundation
import PostgresNIO

/// The store's callers are synchronous (they run off the cooperative pool, see `runBlocking`),
/// so they wait for the driver's futures. Never on an event loop: the loop would wait for itself.
enum PostgresBlocking {
    static func assertMayBlock() {
        precondition(MultiThreadedEventLoopGroup.currentEventLoop == nil,
                     "a PostgreSQL store call waits for the server and must not run on a SwiftNIO event loop thread: call it from runBlocking { } (a dispatch queue) instead")
    }
}

/// A few open connections, each used by one transaction at a time; a caller waits while all
/// are busy. A connection that broke is dropped and a new one opened on the next demand.
final class PostgresConnectionPool: @unchecked Sendable {
    // @unchecked: every var below is read and written only while `condition` is locked.
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var opened = 0
    private var nextID = 1
    private var isShutDown = false
    private let limit: Int
    let connector: PostgresConnector

    init(connector: PostgresConnector, limit: Int) {
        precondition(limit > 0, "a pool needs at least one connection")
        self.connector = connector
        self.limit = limit
    }

    /// Runs `body` with a connection of its own. A connection `body` leaves closed (or that
    /// `discard` marks) is not handed out again.
    func withConnection<T>(_ body: (PostgresConnection) throws -> T) throws -> T {
        let connection = try acquire()
        defer { release(connection) }
        return try body(connection)
    }

    private func acquire() throws -> PostgresConnection {
        PostgresBlocking.assertMayBlock()
        condition.lock()
        while true {
            guard !isShutDown else {
                condition.unlock()
                throw DatabaseConnectionLost(server: connector.settings, reason: "the store was closed")
            }
            if let connection = idle.popLast() {
                if connection.isClosed { opened -= 1; continue }
                condition.unlock()
                return connection
            }
            if opened < limit { break }
            condition.wait()
        }
        opened += 1
        let id = nextID
        nextID += 1
        condition.unlock()
        do {
            return try connector.connect(id: id)
        } catch {
            condition.lock()
            opened -= 1
            condition.signal()
            condition.unlock()
            throw error
        }
    }

    private func release(_ connection: PostgresConnection) {
        condition.lock()
        if connection.isClosed || isShutDown {
            opened -= 1
        } else {
            idle.append(connection)
        }
        let closeNow = isShutDown && !connection.isClosed
        condition.signal()
        condition.unlock()
        if closeNow { try? connection.close().wait() }
    }

    /// Closes the idle connections and refuses new work; busy ones close when they come back.
    func shutDown() {
        condition.lock()
        isShutDown = true
        let closing = idle
        idle = []
        opened -= closing.count
        condition.broadcast()
        condition.unlock()
        for connection in closing { try? connection.close().wait() }
    }
}
