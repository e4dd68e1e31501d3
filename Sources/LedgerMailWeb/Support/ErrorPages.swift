import Foundation
import Hummingbird
import LedgerMail
import Logging

/// Turns every error into a page with the right status and a sentence a person can act on:
/// never a stack trace, never a 500 for anything a request can cause.
struct ErrorPages: RouterMiddleware {
    typealias Context = WebContext
    let app: WebApp

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch is LoginRequired {
            return .redirect(to: "/login", type: .normal)
        } catch {
            let (status, key, detail) = Self.describe(error)
            if status == .internalServerError { context.logger.error("request \(request.uri.path) failed: \(error)") }
            let language = (try? context.sessions.session?.email.flatMap { try app.gateway.accounts.account($0) })??.language ?? .en
            let visit = try? app.visit(context)
            var values = visit?.values ?? [:]
            values["message"] = app.pages.labels[language]?[key] ?? key
            values["detail"] = detail
            values["status"] = status.code
            return app.pages.render("error", language: language, status: status, values)
        }
    }

    /// The status, the label key of the sentence, and the detail (the domain's own message).
    static func describe(_ error: any Error) -> (HTTPResponse.Status, String, String?) {
        switch error {
        case is DossierHidden, is DocumentNotFound: (.notFound, "error_not_found", nil)
        case is RoleMayNot: (.forbidden, "error_role", nil)
        case is CSRFMismatch: (.forbidden, "error_csrf", nil)
        case let error as UnreadableForm: (.contentTooLarge, "error_form", error.reason)
        case let error as any RefusedRequest: (Self.status(error.refusal), "error_input", error.description)
        case let error as MailOutStopped: (.badGateway, "error_input", error.description)
        case let error as MailNotAccepted: (.badGateway, "error_input", error.description)
        case let error as SMTPLoginRefused: (.badGateway, "error_input", error.description)
        case let error as StoredFileChanged: (.conflict, "error_input", error.description)
        case let error as DiskFull: (.serviceUnavailable, "error_input", error.description)
        case let error as DatabaseReadOnly: (.serviceUnavailable, "error_input", error.description)
        case let error as FileNotWritten: (.serviceUnavailable, "error_input", error.description)
        case let error as StoredFileMissing: (.serviceUnavailable, "error_input", error.description)
        case let error as StoredFileNotOnDisk: (.serviceUnavailable, "error_input", error.description)
        case let error as BlobUnreadable: (.serviceUnavailable, "error_input", error.description)
        case let error as CocoaError where error.code == .fileWriteOutOfSpace:
            (.serviceUnavailable, "error_input", "the disk is full: free space, then try again")
        case let error as HTTPError: (error.status, "error_input", error.body)
        default: (.internalServerError, "error_internal", nil)
        }
    }

    static func status(_ refusal: Refusal) -> HTTPResponse.Status {
        switch refusal {
        case .invalid: .badRequest
        case .notFound: .notFound
        case .conflict: .conflict
        }
    }
}
