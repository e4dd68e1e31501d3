import Foundation

/// The PostgreSQL server could not be reached: refused, timed out, unknown host.
struct DatabaseUnreachable: Error, Sendable, CustomStringConvertible {
    let server: PostgresSettings
    let reason: String
    var description: String {
        "cannot reach PostgreSQL at \(server.host):\(server.port) (\(reason)): check that the server runs and that database.url names its host and port"
    }
}

/// The server would not let the user in: wrong password, unknown user, or no line in pg_hba.conf.
struct DatabaseLoginRefused: Error, Sendable, CustomStringConvertible {
    let server: PostgresSettings
    let reason: String
    var description: String {
        "PostgreSQL at \(server.host):\(server.port) refused the login of '\(server.user)' (\(reason)): check database.password (or LEDGERMAIL_DATABASE_PASSWORD) and the user in database.url"
    }
}

/// The server runs, but the database named in the URL is not there.
struct DatabaseMissing: Error, Sendable, CustomStringConvertible {
    let server: PostgresSettings
    var description: String {
        "PostgreSQL at \(server.host):\(server.port) has no database '\(server.database)': create it (createdb -h \(server.host) -p \(server.port) -U \(server.user) \(server.database)) or fix database.url"
    }
}

/// TLS could not be set up towards a server that is not this machine, where it is required.
struct DatabaseTLSFailed: Error, Sendable, CustomStringConvertible {
    let server: PostgresSettings
    let reason: String
    var description: String {
        "no verified TLS connection to PostgreSQL at \(server.host):\(server.port) (\(reason)): LedgerMail requires TLS towards another machine. Enable ssl on the server with a certificate for \(server.host), and set tls.ca_file to the CA that signed it unless the system trusts it"
    }
}

/// A statement the server refused, with its SQLSTATE (`23505` a duplicate key, `40001` a
/// serialization failure). Carries the server's message, never the bound values.
struct DatabaseStatementFailed: Error, Sendable, CustomStringConvertible {
    let sqlState: String?
    let message: String
    let statement: String

    var description: String {
        let shown = statement.count > 160 ? statement.prefix(160) + "…" : Substring(statement)
        return "PostgreSQL refused a statement (SQLSTATE \(sqlState ?? "none"): \(message)) in: \(shown)"
    }

    /// Two transactions got in each other's way; running the whole transaction again helps.
    var isRetriable: Bool { sqlState == "40001" || sqlState == "40P01" }
    var isUniqueViolation: Bool { sqlState == "23505" }
    /// The server ended the session (57P01 terminated by an administrator, 57P02 crash, 08xxx).
    var endedTheConnection: Bool { sqlState.map { $0.hasPrefix("57P") || $0.hasPrefix("08") } ?? false }
}

/// A row the record type could not be read from: a column missing or of another type.
struct DatabaseRowMismatch: Error, Sendable, CustomStringConvertible {
    let description: String
}

/// The connection went away in the middle of a transaction (server restart, network cut).
struct DatabaseConnectionLost: Error, Sendable, CustomStringConvertible {
    let server: PostgresSettings
    let reason: String
    var description: String {
        "the connection to PostgreSQL at \(server.host):\(server.port) was lost (\(reason)): the transaction was not committed; try again once the server is back"
    }
}
