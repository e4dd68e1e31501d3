import Foundation
import NIOCore
import Testing
@testable import LedgerMail

/// The project's test PostgreSQL server (`scripts/postgres`, 127.0.0.1:15432). Tests that need
/// it are enabled when it runs; `scripts/test` starts it and sets LEDGERMAIL_REQUIRE_POSTGRES=1,
/// so there a missing server fails loudly instead of skipping. Each test gets a database of its
/// own, dropped afterwards, so tests run side by side.
enum TestPostgres {
    static let environment = ProcessInfo.processInfo.environment
    static let url = environment["LEDGERMAIL_TEST_POSTGRES_URL"] ?? "postgres://ledgermail@127.0.0.1:15432/ledgermail_test"
    /// The user that must give a password (made by scripts/postgres).
    static let passwordUser = "ledgermail_password"
    static let password = "ledgermail-test-secret"

    static var settings: PostgresSettings {
        get throws { try PostgresSettings.parse(url: url, password: nil, caFile: nil, place: "LEDGERMAIL_TEST_POSTGRES_URL") }
    }

    static var isRunning: Bool {
        environment["LEDGERMAIL_TEST_POSTGRES_URL"] != nil || MailStack.run("scripts/postgres", ["status"]).status == 0
    }

    static var available: Bool { isRunning || environment["LEDGERMAIL_REQUIRE_POSTGRES"] == "1" }

    static let skipNote: Comment = "needs PostgreSQL: scripts/postgres start (scripts/test does it)"

    /// Runs `body` off the cooperative pool (the engine blocks) with a new, empty database.
    static func withDatabase<T: Sendable>(_ body: @escaping @Sendable (PostgresSettings) throws -> T) async throws -> T {
        try await runBlocking {
            let name = "lm_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            let admin = try settings
            try adminStatement(#"CREATE DATABASE "\#(name)""#, on: admin)
            defer { try? adminStatement(#"DROP DATABASE "\#(name)" WITH (FORCE)"#, on: admin) }
            return try body(admin.with(database: name))
        }
    }

    /// An engine on a new database, closed afterwards.
    static func withEngine<T: Sendable>(_ body: @escaping @Sendable (PostgresEngine) throws -> T) async throws -> T {
        try await withDatabase { settings in
            let engine = try PostgresEngine(settings: settings)
            defer { engine.close() }
            return try body(engine)
        }
    }

    /// What `body` threw, as text ("" when it threw nothing).
    static func failure<T>(of body: () throws -> T) -> String {
        do {
            _ = try body()
            return ""
        } catch { return "\(error)" }
    }

    /// CREATE / DROP DATABASE, which no transaction may hold: on a connection of its own.
    private static func adminStatement(_ sql: String, on settings: PostgresSettings) throws {
        let connector = try PostgresConnector(settings: settings, logger: PostgresEngine.quietLogger)
        let connection = try connector.connect(id: 0)
        defer { try? connection.close().wait() }
        _ = try PostgresTransaction(connection: connection, connector: connector).run(sql, .init())
    }
}
