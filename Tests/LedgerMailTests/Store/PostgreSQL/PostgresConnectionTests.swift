import Foundation
import Testing
@testable import LedgerMail

@Suite("PostgreSQL connection", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
struct PostgresConnectionTests {
    func openError(_ settings: PostgresSettings) async throws -> any Error {
        try await runBlocking {
            do {
                try PostgresEngine(settings: settings).close()
                return TestFailure("opened")
            } catch { return error }
        }
    }
    struct TestFailure: Error { let description: String; init(_ d: String) { description = d } }

    @Test("the user that must give a password gets in with the right one (scram-sha-256)")
    func rightPassword() async throws {
        let settings = try TestPostgres.settings.with(user: TestPostgres.passwordUser, password: TestPostgres.password)
        let user = try await runBlocking {
            let connector = try PostgresConnector(settings: settings, logger: PostgresEngine.quietLogger)
            let connection = try connector.connect(id: 1)
            defer { try? connection.close().wait() }
            return try PostgresTransaction(connection: connection, connector: connector).fetchValue(String.self, "SELECT current_user")
        }
        #expect(user == TestPostgres.passwordUser)
    }

    @Test("a wrong password is refused saying what to check, and the password is in no error or description")
    func wrongPassword() async throws {
        let secret = "Wr0ng-Passw0rd-7d1e"
        let settings = try TestPostgres.settings.with(user: TestPostgres.passwordUser, password: secret)
        let error = try await openError(settings)
        #expect(error is DatabaseLoginRefused)
        for text in ["\(error)", String(reflecting: error), "\(settings)", String(reflecting: settings), error.localizedDescription] {
            #expect(!text.contains(secret), "\(text)")
        }
        var dumped = ""
        dump(settings, to: &dumped)
        #expect(!dumped.contains(secret))
        #expect("\(error)".contains("database.password"))
    }

    @Test("an unknown database is named with the command that creates it")
    func missingDatabase() async throws {
        let error = try await openError(try TestPostgres.settings.with(database: "no_such_db"))
        #expect(error is DatabaseMissing)
        #expect("\(error)".contains("no database 'no_such_db'") && "\(error)".contains("createdb"), "\(error)")
    }

    @Test("a port nobody listens on gives 'connection refused' and what to check")
    func refused() async throws {
        let error = try await openError(PostgresSettings(host: "127.0.0.1", port: 9, user: "x", database: "y"))
        #expect(error is DatabaseUnreachable)
        #expect("\(error)".contains("refused") && "\(error)".contains("database.url"), "\(error)")
    }

    @Test("a host name other than localhost needs verified TLS even when it points here: a server without TLS is refused")
    func nameNeedsTLS() async throws {
        // A name from /etc/hosts for 127.0.0.1 that is not `localhost` (the machine's own, here).
        let hosts = (try? String(contentsOfFile: "/etc/hosts", encoding: .utf8)) ?? ""
        let lines: [[Substring]] = hosts.split(separator: "\n").map { $0.split(whereSeparator: \.isWhitespace) }
        let names: [Substring] = lines.filter { $0.first == "127.0.0.1" }.flatMap { $0.dropFirst() }
        guard let name = names.map(String.init).first(where: { $0 != "localhost" }) else { return }   // no such name on this machine: the decision tests cover it
        let error = try await openError(try TestPostgres.settings.with(host: name))
        #expect(error is DatabaseTLSFailed, "\(error)")
        #expect("\(error)".contains("does not offer TLS"), "\(error)")
    }
}

@Suite("PostgreSQL settings")
struct PostgresSettingsTests {
    func load(_ yaml: String, environment: [String: String] = [:]) async throws -> Settings {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let file = directory.appendingPathComponent("ledgermail.yaml")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        return try await SettingsLoader.load(configFile: file, environment: environment)
    }

    @Test("database.url and database.password come from the file, the environment overrides both; unset means SQLite")
    func keys() async throws {
        #expect(try await load("data_dir: x\n").database == nil)
        let file = try await load("database:\n  url: postgres://lm@db.example.com:6432/ledger\n  password: s3cret\n")
        #expect(file.database == PostgresSettings(host: "db.example.com", port: 6432, user: "lm", database: "ledger", password: "s3cret"))
        let environment = try await load("database:\n  url: postgres://lm@db.example.com/ledger\n", environment: [
            "LEDGERMAIL_DATABASE_URL": "postgresql://other@[::1]/books", "LEDGERMAIL_DATABASE_PASSWORD": "fromenv"])
        #expect(environment.database == PostgresSettings(host: "::1", port: 5432, user: "other", database: "books", password: "fromenv"))
        #expect("\(environment.database!)" == "postgres://other@[::1]:5432/books (with a password)")
    }

    @Test("a malformed database.url is refused naming the key and the expected shape, never repeating the URL")
    func badURLs() async throws {
        for url in ["mysql://u@h/db", "postgres://h/db", "postgres://u@h", "postgres://u@h/db?sslmode=disable", "postgres://u@:5/db", "not a url"] {
            await #expect { try await load("database:\n  url: '\(url)'\n") } throws: { error in
                let text = "\(error)"
                return error is MalformedConfiguration && text.contains("database.url") && !text.contains(url)
            }
        }
    }

    @Test("a password inside database.url is refused, and not repeated")
    func passwordInURL() async throws {
        await #expect { try await load("database:\n  url: postgres://u:Hunter2xyz@h/db\n") } throws: { error in
            "\(error)".contains("database.password") && !"\(error)".contains("Hunter2xyz")
        }
    }

    @Test("towards loopback (127.0.0.0/8, ::1, localhost) plain is allowed; every other host needs TLS, verified")
    func tlsRule() throws {
        for host in ["127.0.0.1", "127.4.5.6", "::1", "localhost", "LOCALHOST"] {
            #expect(PostgresTransport.required(towards: host) == .plain, "\(host)")
            let configuration = try PostgresConnector.configuration(for: PostgresSettings(host: host, user: "u", database: "d"))
            #expect(!configuration.tls.isAllowed, "\(host)")
        }
        for host in ["10.0.0.5", "db.example.com", "127.attacker.example", "128.0.0.1", "localhost.example", "::2", "vm"] {
            #expect(PostgresTransport.required(towards: host) == .verifiedTLS, "\(host)")
            let configuration = try PostgresConnector.configuration(for: PostgresSettings(host: host, user: "u", database: "d"))
            #expect(configuration.tls.isEnforced, "\(host)")
        }
    }

    @Test("an unreadable tls.ca_file is said when the engine is configured, naming the key")
    func badCAFile() {
        #expect { try PostgresConnector.configuration(for: PostgresSettings(host: "db.example.com", user: "u", database: "d", caFile: "/nonexistent/ca.pem")) } throws: {
            "\($0)".contains("tls.ca_file")
        }
    }
}
