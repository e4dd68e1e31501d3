import Foundation
import Hummingbird
import LedgerMail

/// Who is asking, checked on every request: the account as the store has it now (a removed
/// account or an unlinked dossier takes effect at once), and the session's form token.
struct Visit {
    let account: Account
    let csrf: String

    var values: [String: Any] {
        ["account": ["email": account.email, "owner": account.role == .owner], "csrf": csrf]
    }
}

extension WebApp {
    func visit(_ context: WebContext) throws -> Visit {
        guard let session = context.sessions.session, let email = session.email,
              let account = try gateway.accounts.account(email), account.since == session.accountSince else { throw LoginRequired() }
        return Visit(account: account, csrf: session.csrf)
    }

    /// The dossier when the account sees it (else 404); with `manage`, only for its owner (else 403).
    func dossier(_ context: WebContext, for visit: Visit, manage: Bool = false) throws -> Dossier {
        guard let name = context.parameters.get("dossier"), visit.account.sees(name),
              let dossier = try? gateway.dossiers.named(name) else { throw DossierHidden() }
        if manage, !visit.account.manages(name) { throw RoleMayNot() }
        return dossier
    }

    /// Reads a posted form and refuses it unless it carries the session's token.
    func postedForm(_ request: Request, _ context: WebContext) async throws -> Form {
        let form = try await Form.read(request, context: context)
        guard let expected = context.sessions.session?.csrf, let given = form["csrf"],
              Self.constantTimeEqual(expected, given) else { throw CSRFMismatch() }
        return form
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    static func newToken() -> String {
        (0..<32).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
    }
}
