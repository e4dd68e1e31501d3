import HTTPTypes
import Hummingbird

/// Headers every response carries: no inline script may run (the pages need none), no other
/// site may frame a page, and the browser takes the declared content types at their word.
struct SecurityHeaders<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        // A PDF is shown inside the document's own page; nothing else may be framed, by anyone.
        let framedHere = response.headers[.contentType] == "application/pdf"
        response.headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "frame-ancestors \(framedHere ? "'self'" : "'none'"); form-action 'self'; object-src 'self'"
        response.headers[Self.frameOptions] = framedHere ? "SAMEORIGIN" : "DENY"
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[Self.referrerPolicy] = "same-origin"
        return response
    }

    static var frameOptions: HTTPField.Name { HTTPField.Name("X-Frame-Options")! }
    static var referrerPolicy: HTTPField.Name { HTTPField.Name("Referrer-Policy")! }
}
