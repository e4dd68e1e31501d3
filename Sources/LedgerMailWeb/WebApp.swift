import Foundation
import Hummingbird
import HummingbirdAuth
public import LedgerMail
import LedgerMailAPI
public import Logging
public import ServiceLifecycle

/// `ledgermail serve`: the owner's and the accountant's pages over the same domain library
/// as the CLI. Plain HTTP, meant to sit behind a TLS reverse proxy (`config/nginx-ledgermail.conf`).
public struct WebApp: Sendable {
    let gateway: Gateway
    let pages: Pages
    /// The accounting packages' presets (`config/integrations/`), read once.
    let presets: [IntegrationPreset]

    public init(gateway: Gateway) async throws {
        guard let directory = Pages.builtInDirectory() else {
            throw InvalidInput("the web templates (templates/web) were not found beside the program")
        }
        self.gateway = gateway
        pages = try await Pages(directory: directory)
        presets = try await IntegrationPreset.all()
    }

    /// The HTTP server as a service, for a `ServiceGroup`.
    public func service(logger: Logger) throws -> any Service {
        let web = gateway.settings.web
        let router = Router(context: WebContext.self)
        // First, so none of the web's middlewares (sessions, CSRF, HTML errors) wrap the API.
        try FeedAPI(gateway: gateway).mount(on: router)
        router.add(middleware: SecurityHeaders())
        router.add(middleware: ErrorPages(app: self))
        let cookie = SessionCookieParameters(name: "ledgermail_session", path: "/", secure: web.secureCookies, sameSite: .lax)
        router.add(middleware: SessionMiddleware(storage: StoreSessionDriver(store: gateway.webSessions),
                                                 configuration: .init(sessionCookieParameters: cookie,
                                                                      defaultSessionExpiration: Self.sessionLifetime)))
        addRoutes(to: router)
        return Application(router: router, configuration: .init(address: .hostname(web.host, port: web.port)), logger: logger)
    }

    static let sessionLifetime: Duration = .seconds(12 * 3600)

    func addRoutes(to router: Router<WebContext>) {
        router.get("/") { _, _ in Response.redirect(to: "/dossiers", type: .found) }
        router.get("/static/style.css") { _, _ in
            var response = Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: pages.stylesheet)))
            response.headers[.contentType] = "text/css; charset=utf-8"
            return response
        }
        addLoginRoutes(to: router)
        addDossierRoutes(to: router)
        addSettingsRoutes(to: router)
        addBillMailRoutes(to: router)
        addDocumentRoutes(to: router)
        addPeriodRoutes(to: router)
        addIntegrationRoutes(to: router)
    }
}
