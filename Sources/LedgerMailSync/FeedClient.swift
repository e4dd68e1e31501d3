import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// The documents feed as the agent sees it (openapi.yaml), over AsyncHTTPClient.
struct FeedClient: Sendable {
    let http: HTTPClient
    let server: URL
    let token: String

    init(server: URL, token: String, caFile: String?) throws {
        var tls = TLSConfiguration.makeClientConfiguration()
        if let caFile { tls.trustRoots = .file(caFile) }
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        // Short: the client retries a refused connection until this deadline, and the agent reports each failure.
        configuration.timeout = .init(connect: .seconds(2), read: .seconds(60))
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.server = server
        self.token = token
    }

    struct DossierList: Decodable { struct Dossier: Decodable { let name: String }; let dossiers: [Dossier] }
    struct Page: Decodable { let items: [Item]; let next: String }
    struct Item: Decodable {
        let id: Int64
        let kind: String
        let version: Int
        let supersedes: Int64?
        let files: [File]
    }
    struct File: Decodable { let role: String; let name: String; let sha256: String; let size: Int64; let url: String }

    func dossiers() async throws -> [String] {
        try JSONDecoder().decode(DossierList.self, from: try await call("GET", "/api/v1/dossiers")).dossiers.map(\.name)
    }

    func page(_ dossier: String, after cursor: String?, limit: Int) async throws -> Page {
        var path = "/api/v1/dossiers/\(Self.segment(dossier))/documents?limit=\(limit)"
        if let cursor { path += "&after=\(cursor)" }
        return try JSONDecoder().decode(Page.self, from: try await call("GET", path))
    }

    func download(_ file: File) async throws -> Data {
        try await call("GET", file.url)
    }

    /// 409 (no longer on a pull route) is settled too: there is nothing left to acknowledge.
    func ack(_ dossier: String, _ id: Int64) async throws {
        _ = try await call("POST", "/api/v1/dossiers/\(Self.segment(dossier))/documents/\(id)/ack", accept: [200, 409])
    }

    func call(_ method: String, _ path: String, accept: Set<UInt> = [200]) async throws -> Data {
        var request = HTTPClientRequest(url: server.absoluteString.trimmingCharacters(in: ["/"]) + path)
        request.method = .init(rawValue: method)
        request.headers.add(name: "Authorization", value: "Bearer \(token)")
        let response = try await http.execute(request, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 512 * 1024 * 1024)
        guard accept.contains(response.status.code) else {
            let text = String(buffer: body).prefix(300)
            if response.status.code == 401 { throw TokenRefused(message: String(text)) }
            throw FeedAnswered(status: response.status.code, path: path, body: String(text))
        }
        return Data(body.readableBytesView)
    }

    static func segment(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(["/"])) ?? text
    }
}

/// The server refused the token (unknown or revoked): retrying will not help.
struct TokenRefused: Error, CustomStringConvertible {
    let message: String
    var description: String { "the server refused the token (401): ask for a new one (`ledgermail token add`). \(message)" }
}

/// The server answered something else than the feed promises.
struct FeedAnswered: Error, CustomStringConvertible {
    let status: UInt
    let path: String
    let body: String
    var description: String { "the server answered \(status) to \(path): \(body)" }
}

/// A downloaded file whose bytes do not match the SHA-256 the feed gave: not written.
struct DownloadCorrupted: Error, CustomStringConvertible {
    let name: String
    var description: String { "\(name) arrived with other bytes than its SHA-256 says: it will be fetched again" }
}
