import Foundation
import Hummingbird
import LedgerMail

extension WebApp {
    func addLoginRoutes(to router: Router<WebContext>) {
        router.get("/login") { _, context in
            if (try? visit(context)) != nil { return Response.redirect(to: "/dossiers") }
            return loginPage(context, status: .ok, error: nil)
        }
        router.post("/login") { request, context in
            let form = try await loginForm(request, context)
            do {
                let account = try await gateway.accounts.authenticate(email: form["email"] ?? "", password: form["password"] ?? "")
                // A new session (new id) on login: a session id planted before it is worth nothing after.
                context.sessions.createSession(WebSession(csrf: Self.newToken(), email: account.email, accountSince: account.since),
                                               expiresIn: Self.sessionLifetime)
                var response = Response.redirect(to: "/dossiers")
                response.setCookie(loginCookie("", maxAge: 0))
                return response
            } catch let refusal as LoginRefusal {
                context.logger.notice("login refused", metadata: ["event": "login_refused", "email": "\(form["email"] ?? "")"])
                switch refusal {
                case .wrongCredentials: return loginPage(context, status: .unauthorized, error: "login_wrong")
                case .throttled: return loginPage(context, status: .tooManyRequests, error: "login_throttled")
                }
            }
        }
        router.post("/logout") { request, context in
            _ = try await postedForm(request, context)
            context.sessions.clearSession()
            return Response.redirect(to: "/login")
        }
    }

    /// The login form. Its form token rides in a cookie for the login path (compared with the
    /// form's on submit), not in a stored session: an anonymous visit writes nothing to the store.
    func loginPage(_ context: WebContext, status: HTTPResponse.Status, error: String?) -> Response {
        let csrf = context.sessions.session?.csrf ?? Self.newToken()
        let language = Language.en
        var values: [String: Any] = ["csrf": csrf]
        if let error { values["error"] = pages.labels[language]?[error] ?? error }
        var response = pages.render("login", language: language, status: status, values)
        if context.sessions.session == nil { response.setCookie(loginCookie(csrf, maxAge: 3600)) }
        return response
    }

    /// A posted login form, refused unless its token is the session's or the login cookie's.
    func loginForm(_ request: Request, _ context: WebContext) async throws -> Form {
        guard context.sessions.session == nil else { return try await postedForm(request, context) }
        let form = try await Form.read(request, context: context)
        guard let expected = request.cookies[Self.loginCookieName]?.value, !expected.isEmpty, let given = form["csrf"],
              Self.constantTimeEqual(expected, given) else { throw CSRFMismatch() }
        return form
    }

    static let loginCookieName = "ledgermail_login"

    func loginCookie(_ token: String, maxAge: Int) -> Cookie {
        Cookie(name: Self.loginCookieName, value: token, maxAge: maxAge, path: "/login",
               secure: gateway.settings.web.secureCookies, httpOnly: true, sameSite: .strict)
    }
}
