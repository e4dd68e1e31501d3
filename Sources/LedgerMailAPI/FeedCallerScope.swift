import Foundation
import Hummingbird
import LedgerMail

/// The caller of the request being handled: the generated handlers see only their input, so
/// the authentication middleware hands the token's owner over through a task-local value.
enum FeedCallerScope {
    @TaskLocal static var current: FeedCaller?
}

/// Resolves `Authorization: Bearer TOKEN` to its caller; anything else is 401 before any handler.
struct BearerAuthentication<Context: RequestContext>: RouterMiddleware {
    let tokens: APITokenBook

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw TokenRefused(reason: "no bearer token: send `Authorization: Bearer TOKEN` (`ledgermail token add` makes one)")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let caller = try tokens.caller(token: token) else {
            throw TokenRefused(reason: "unknown or revoked token: ask the owner for a new one (`ledgermail token add`)")
        }
        return try await FeedCallerScope.$current.withValue(caller) { try await next(request, context) }
    }
}
