import Foundation
import PostgresNIO

/// One transaction on one connection, valid only inside the `read { }` / `write { }` body that
/// was handed it. Every call blocks until the server answered. SQL uses `$1, $2…` for binds.
struct PostgresTransaction {
    let connection: PostgresConnection
    let connector: PostgresConnector

    /// Runs a statement; returns the rows it inserted, updated or deleted (0 for others).
    @discardableResult
    func execute(_ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> Int {
        try run(sql, binds).metadata.rows ?? 0
    }

    /// Every row of a query as `T`, read by column name (see `PostgresRowDecoder`).
    func fetchAll<T: Decodable>(_ type: T.Type, _ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> [T] {
        try run(sql, binds).rows.map { try PostgresRowDecoder.decode(type, from: $0) }
    }

    /// The first row as `T`, or nil when there is none.
    func fetchOne<T: Decodable>(_ type: T.Type, _ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> T? {
        try run(sql, binds).rows.first.map { try PostgresRowDecoder.decode(type, from: $0) }
    }

    /// The first column of the first row (a count, an id, a String-backed enum); nil when there
    /// is no row or the value is NULL.
    func fetchValue<T: Decodable>(_ type: T.Type, _ sql: String, _ binds: PostgresBindings = PostgresBindings()) throws -> T? {
        guard let row = try run(sql, binds).rows.first, let cell = row.first else { return nil }
        return try PostgresRowDecoder.decodeValue(T?.self, from: cell)
    }

    /// Calls `body` for each row, `batchSize` rows in memory at a time, however many the query
    /// gives: a server-side cursor read in batches, on this thread (a callback on the driver's
    /// event loop could not block, nor slow the server down).
    func forEach<T: Decodable>(_ type: T.Type, _ sql: String, _ binds: PostgresBindings = PostgresBindings(),
                               batchSize: Int = 1000, _ body: (T) throws -> Void) throws {
        let cursor = "lm_cursor_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try execute("DECLARE \(cursor) NO SCROLL CURSOR FOR \(sql)", binds)
        while true {
            let rows = try run("FETCH FORWARD \(batchSize) FROM \(cursor)", PostgresBindings()).rows
            for row in rows { try body(try PostgresRowDecoder.decode(type, from: row)) }
            if rows.count < batchSize { break }
        }
        try execute("CLOSE \(cursor)")
    }

    /// The raw result, for what no record describes.
    func run(_ sql: String, _ binds: PostgresBindings) throws -> PostgresQueryResult {
        PostgresBlocking.assertMayBlock()
        do {
            return try connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: connector.logger).wait()
        } catch let error as PSQLError where error.serverInfo != nil {
            throw DatabaseStatementFailed(sqlState: error.serverInfo?[.sqlState], message: error.serverInfo?[.message] ?? "no message",
                                          statement: sql)
        } catch {
            throw connector.explain(error)
        }
    }

    /// Ends the transaction. A COMMIT the server answers with ROLLBACK (the transaction had
    /// failed, and the body went on) is an error, not a silent loss.
    func commit() throws {
        let result = try run("COMMIT", PostgresBindings())
        guard result.metadata.command == "COMMIT" else {
            throw DatabaseStatementFailed(sqlState: "25P02", message: "the transaction had failed, so COMMIT rolled it back", statement: "COMMIT")
        }
    }

    /// Undoes the transaction; a connection where even that fails is closed, never reused.
    func rollBack() {
        do { try execute("ROLLBACK") } catch { try? connection.close().wait() }
    }
}
