import Foundation

/// `database.url` (`postgres://user@host:port/db`) and `database.password`: a PostgreSQL server
/// instead of the SQLite file in data_dir. The password is in no description, mirror or error:
/// those go to logs and to standard error, so into the journal.
public struct PostgresSettings: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let host: String
    public let port: Int
    public let user: String
    public let database: String
    let password: String?
    /// `tls.ca_file`: the CA that signed the server's certificate; nil: the system's store.
    let caFile: String?

    init(host: String, port: Int = 5432, user: String, database: String, password: String? = nil, caFile: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.database = database
        self.password = password
        self.caFile = caFile
    }

    /// The URL without the password (which is never in it), for logs and errors.
    public var description: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)" + (password == nil ? "" : " (with a password)")
    }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(reflecting: description) }

    /// How the connection must travel to `host`.
    var transport: PostgresTransport { PostgresTransport.required(towards: host) }

    /// The same settings with another host, database, user or password (`db copy`'s target, the
    /// tests' throwaway databases).
    func with(host: String? = nil, database: String? = nil, user: String? = nil, password: String?? = nil) -> PostgresSettings {
        PostgresSettings(host: host ?? self.host, port: port, user: user ?? self.user, database: database ?? self.database,
                         password: password ?? self.password, caFile: caFile)
    }

    /// Reads `database.url`; `place` names where it came from (key and line, or the environment
    /// variable). Errors never repeat the URL: it might hold a password after all.
    static func parse(url text: String, password: String?, caFile: String?, place: String) throws(MalformedConfiguration) -> PostgresSettings {
        let shape = "\(place) must look like postgres://user@host:port/database"
        guard let parts = URLComponents(string: text.trimmingCharacters(in: .whitespaces)),
              let scheme = parts.scheme?.lowercased(), ["postgres", "postgresql"].contains(scheme) else {
            throw MalformedConfiguration(shape)
        }
        guard parts.password == nil else {
            throw MalformedConfiguration("\(place) holds a password: put it in database.password or LEDGERMAIL_DATABASE_PASSWORD instead (a URL ends up in logs), and the URL without it")
        }
        var host = parts.host ?? ""
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { throw MalformedConfiguration("\(shape): the host is missing") }
        guard let user = parts.user, !user.isEmpty else { throw MalformedConfiguration("\(shape): the user is missing") }
        let database = String(parts.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw MalformedConfiguration("\(shape): the database name is missing") }
        guard parts.query == nil, parts.fragment == nil else {
            throw MalformedConfiguration("\(place) takes no options after '?': TLS follows tls.ca_file, the password database.password")
        }
        let port = parts.port ?? 5432
        guard (1...65535).contains(port) else { throw MalformedConfiguration("\(shape): the port must be from 1 to 65535") }
        return PostgresSettings(host: host, port: port, user: user, database: database,
                                password: password.flatMap { $0.isEmpty ? nil : $0 }, caFile: caFile)
    }
}

/// How a connection to the database travels: TLS with the server's certificate verified
/// (`tls.ca_file` or the system's store), or plain, which only this machine may get: nothing
/// then crosses a network, and a test server needs no certificate.
enum PostgresTransport: Sendable, Equatable {
    case plain
    case verifiedTLS

    /// Loopback is only the literal `localhost`, 127.0.0.0/8 or ::1 (see `Loopback`): a name
    /// that resolves to 127.0.0.1 today is still someone else's tomorrow.
    static func required(towards host: String) -> PostgresTransport {
        Loopback.isLoopback(host: host) ? .plain : .verifiedTLS
    }
}
