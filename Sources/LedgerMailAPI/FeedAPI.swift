public import Hummingbird
public import LedgerMail
import OpenAPIHummingbird
import OpenAPIRuntime
import Foundation

/// The documents feed under `/api/v1` (openapi.yaml beside this file): generated routes, thin
/// handlers over the domain library, bearer tokens instead of sessions.
public struct FeedAPI: Sendable {
    let gateway: Gateway

    public init(gateway: Gateway) { self.gateway = gateway }

    /// Adds the API to `router`. Call it before the router gets the web's middlewares (sessions,
    /// CSRF, HTML error pages): a router's middlewares only wrap the routes added after them.
    public func mount<Context: RequestContext>(on router: Router<Context>) throws {
        let group = router.group("/api/v1")
            .add(middleware: ProblemResponses<Context>())
            .add(middleware: BearerAuthentication<Context>(tokens: gateway.apiTokens))
            .add(middleware: LiteralRangeHeaders<Context>())
        try FeedHandlers(gateway: gateway, acks: CollectQueue(gateway: gateway)).registerHandlers(on: group, serverURL: URL(string: "/")!)
        // Anything else under /api/v1 answers in JSON too, never with a web page.
        for (path, allowed) in Self.operations {
            for method in Self.allMethods where method != allowed {
                group.on(RouterPath(path), method: method) { _, _ -> Response in throw MethodNotAllowed(allowed: allowed) }
            }
        }
        for method in Self.allMethods {
            group.on("**", method: method) { _, _ -> Response in throw NoSuchEndpoint() }
        }
    }

    static let operations: [(String, HTTPRequest.Method)] = [
        ("dossiers", .get),
        ("dossiers/:dossier/documents", .get),
        ("dossiers/:dossier/documents/:id/files/:name", .get),
        ("dossiers/:dossier/documents/:id/ack", .post),
    ]
    static let allMethods: [HTTPRequest.Method] = [.get, .post, .put, .delete, .patch, .options, .trace, .init("QUERY")!]
}
