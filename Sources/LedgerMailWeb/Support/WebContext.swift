import Foundation
import Hummingbird
import HummingbirdAuth

/// What a browser session holds: the CSRF token every form must send back, and who logged in.
struct WebSession: Codable, Sendable {
    var csrf: String
    var email: String?
    /// The account's creation time when it logged in: the session holds for that account only.
    var accountSince: Date?
}

/// Each request's context: Hummingbird's own, plus the session.
struct WebContext: RequestContext, SessionRequestContext {
    var coreContext: CoreRequestContextStorage
    let sessions: SessionContext<WebSession>

    init(source: Source) {
        coreContext = .init(source: source)
        sessions = .init()
    }
}
