import Foundation
import Hummingbird
import Logging
import OpenAPIRuntime

/// No token, or one that is unknown or revoked.
struct TokenRefused: Error {
    let reason: String
}

/// A path under /api/v1 that the API does not have.
struct NoSuchEndpoint: Error {}

/// A known path asked with another method than its own.
struct MethodNotAllowed: Error {
    let allowed: HTTPRequest.Method
}

/// Every error under /api/v1 becomes a JSON `Problem` (openapi.yaml), never a web page: a bad
/// parameter is 400, a refused token 401, an unknown path 404; only a fault of ours is 500.
struct ProblemResponses<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let refused as TokenRefused {
            var response = Self.problem(.unauthorized, "unauthorized", refused.reason)
            response.headers[.wwwAuthenticate] = "Bearer realm=\"ledgermail\""
            return response
        } catch is NoSuchEndpoint {
            return Self.problem(.notFound, "not_found", "no such endpoint: openapi.yaml lists them")
        } catch let wrong as MethodNotAllowed {
            var response = Self.problem(.methodNotAllowed, "method_not_allowed", "this endpoint answers \(wrong.allowed.rawValue) only")
            response.headers[.allow] = wrong.allowed.rawValue
            return response
        } catch let error as ServerError where error.httpStatus.code < 500 {
            // The generated code could not read the request (a parameter of the wrong type).
            return Self.problem(.badRequest, "bad_request", "the request could not be read: \(error.causeDescription)")
        } catch let error as any HTTPResponseError where error.status.code < 500 {
            return Self.problem(error.status, "http_\(error.status.code)", error.status.reasonPhrase)
        } catch {
            context.logger.error("API request failed: \(String(describing: error))", metadata: ["event": "api-error"])
            return Self.problem(.internalServerError, "internal", "the server failed; its log says why")
        }
    }

    static func problem(_ status: HTTPResponse.Status, _ error: String, _ message: String) -> Response {
        let body = (try? JSONEncoder().encode(["error": error, "message": message])) ?? Data()
        var response = Response(status: status, body: .init(byteBuffer: ByteBuffer(bytes: body)))
        response.headers[.contentType] = "application/json"
        return response
    }
}
