import Foundation
import Logging
import PostgresNIO

/// Opens connections to the configured server, TLS as `PostgresTransport` demands, and says in
/// plain words why one could not be opened.
struct PostgresConnector: Sendable {
    let settings: PostgresSettings
    let configuration: PostgresConnection.Configuration
    let logger: Logger

    init(settings: PostgresSettings, logger: Logger) throws {
        self.settings = settings
        self.logger = logger
        self.configuration = try Self.configuration(for: settings)
    }

    /// The driver's configuration: TLS required and verified (against `tls.ca_file`, else the
    /// system's store) unless the host is this machine.
    static func configuration(for settings: PostgresSettings) throws -> PostgresConnection.Configuration {
        let tls: PostgresConnection.Configuration.TLS
        switch settings.transport {
        case .plain:
            tls = .disable
        case .verifiedTLS:
            var client = TLSConfiguration.makeClientConfiguration()
            client.certificateVerification = .fullVerification
            if let caFile = settings.caFile { client.trustRoots = .file(caFile) }
            do { tls = .require(try NIOSSLContext(configuration: client)) } catch {
                throw DatabaseTLSFailed(server: settings, reason: "tls.ca_file \(settings.caFile ?? "") could not be read as PEM certificates: \(error)")
            }
        }
        var configuration = PostgresConnection.Configuration(
            host: settings.host, port: settings.port, username: settings.user, password: settings.password,
            database: settings.database, tls: tls)
        configuration.options.connectTimeout = .seconds(10)
        return configuration
    }

    /// A new connection, blocking the calling thread (never an event loop's) until it is open.
    func connect(id: Int) throws -> PostgresConnection {
        PostgresBlocking.assertMayBlock()
        do {
            return try PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.any(), configuration: configuration, id: id, logger: logger
            ).wait()
        } catch {
            throw explain(error)
        }
    }

    /// The driver's error as one of ours: what went wrong, and what to do about it.
    func explain(_ error: any Error) -> any Error {
        guard let error = error as? PSQLError else {
            return DatabaseUnreachable(server: settings, reason: Self.reason(error))
        }
        if let state = error.serverInfo?[.sqlState] {
            let message = error.serverInfo?[.message] ?? "no message"
            switch state {
            case "28P01", "28000": return DatabaseLoginRefused(server: settings, reason: message)
            case "3D000": return DatabaseMissing(server: settings)
            default: return DatabaseStatementFailed(sqlState: state, message: message, statement: error.query?.sql ?? "the login")
            }
        }
        switch error.code {
        case .sslUnsupported:
            return DatabaseTLSFailed(server: settings, reason: "the server does not offer TLS")
        case .authMechanismRequiresPassword:
            return DatabaseLoginRefused(server: settings, reason: "the server asks for a password and database.password is not set")
        case .failedToAddSSLHandler:
            return DatabaseTLSFailed(server: settings, reason: "TLS could not be set up")
        default:
            if let underlying = error.underlying, Self.isTLS(underlying) {
                return DatabaseTLSFailed(server: settings, reason: "the server's certificate was not accepted: \(Self.reason(underlying))")
            }
            if error.code == .serverClosedConnection || error.code == .clientClosedConnection || error.code == .uncleanShutdown {
                return DatabaseConnectionLost(server: settings, reason: error.underlying.map(Self.reason) ?? "\(error.code)")
            }
            return DatabaseUnreachable(server: settings, reason: error.underlying.map(Self.reason) ?? "\(error.code)")
        }
    }

    private static func isTLS(_ error: any Error) -> Bool {
        error is NIOSSLError || error is BoringSSLError || "\(type(of: error))".contains("SSL")
    }

    /// A short reason from NIO's errors (`connection refused`, `timed out`), never a query's binds.
    static func reason(_ error: any Error) -> String {
        if let error = error as? IOError { return String(cString: strerror(error.errnoCode)).lowercased() }
        if let error = error as? NIOConnectionError {
            if let dns = error.dnsAError ?? error.dnsAAAAError { return "the host name could not be resolved: \(dns)" }
            return error.connectionErrors.first.map { reason($0.error) } ?? "no address to connect to"
        }
        if let error = error as? ChannelError, case .connectTimeout = error { return "timed out" }
        return "\(error)"
    }
}
