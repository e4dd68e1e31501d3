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
            let form = try await postedForm(request, context)
            do {
                let account = try await gateway.accounts.authenticate(email: form["email"] ?? "", password: form["password"] ?? "")
                // A new session (new id) on login: a session id planted before it is worth nothing after.
                context.sessions.createSession(WebSession(csrf: Self.newToken(), email: account.email, accountSince: account.since),
                                               expiresIn: Self.sessionLifetime)
                return Response.redirect(to: "/dossiers")
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

    /// The login form, with a session that carries its form token (made now when there is none).
    func loginPage(_ context: WebContext, status: HTTPResponse.Status, error: String?) -> Response {
        let csrf: String
        if let session = context.sessions.session {
            csrf = session.csrf
        } else {
            csrf = Self.newToken()
            context.sessions.createSession(WebSession(csrf: csrf, email: nil), expiresIn: .seconds(3600))
        }
        let language = Language.en
        var values: [String: Any] = ["csrf": csrf]
        if let error { values["error"] = pages.labels[language]?[error] ?? error }
        return pages.render("login", language: language, status: status, values)
    }
}
