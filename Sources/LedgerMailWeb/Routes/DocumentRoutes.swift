import Foundation
import Hummingbird
import LedgerMail

/// The delivery log: the documents with their state, each one's deliveries and what came back.
extension WebApp {
    func addDocumentRoutes(to router: Router<WebContext>) {
        router.get("/dossiers/:dossier/documents") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit)
            let query = request.uri.queryParameters
            let filter = DocumentFilter(
                dossier: dossier.name,
                states: try Set(query.getAll("state").filter { !$0.isEmpty }.map { try Self.choice(DeliveryState.self, $0, field: "state") }),
                kinds: try Set(query.getAll("kind").filter { !$0.isEmpty }.map { try Self.choice(DocumentKind.self, $0, field: "kind") }),
                period: try query.get("period").flatMap { $0.isEmpty ? nil : try Period(parsing: $0) })
            let after = try query.get("after").flatMap { text throws -> Int64? in
                guard !text.isEmpty else { return nil }
                guard let id = Int64(text), id >= 0 else { throw InvalidInput("after must be a document number") }
                return id
            }
            var values = visit.values
            values["dossier"] = dossierValues(dossier, visit: visit)
            let page = try gateway.status.page(filter, after: after, size: Self.documentsPerPage)
            values["documents"] = page.documents.map(documentRow)
            values["has_documents"] = !page.documents.isEmpty
            values["next_page"] = page.nextAfter.map { Self.nextPage(request, after: $0) }
            values["filter_period"] = query.get("period") ?? ""
            values["states"] = DeliveryState.allCases.map { ["value": $0.rawValue, "selected": filter.states.contains($0)] }
            values["kinds"] = DocumentKind.allCases.map { ["value": $0.rawValue, "selected": filter.kinds.contains($0)] }
            return pages.render("documents", language: visit.account.language, values)
        }
        router.get("/dossiers/:dossier/documents/:id") { _, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit)
            let document = try document(context, in: dossier)
            var values = visit.values
            values["dossier"] = dossierValues(dossier, visit: visit)
            values["document"] = documentRow(document)
            values["deliveries"] = document.deliveries.map(deliveryValues)
            values["has_inbound"] = !document.inbound.isEmpty
            values["inbound"] = document.inbound.map { ["kind": $0.kind.rawValue, "from": $0.from ?? "", "summary": $0.summary,
                                                         "received": $0.receivedAt.formatted(.iso8601)] }
            values["files"] = (try gateway.storedFiles.list(of: document.id, dossier: dossier.name) ?? []).map {
                ["name": $0.name, "role": $0.role.rawValue, "is_pdf": $0.mimeType == "application/pdf"]
            }
            values["held"] = document.state == .held
            values["routes"] = DocumentKind.allCases.map { ["value": $0.rawValue, "selected": $0 == document.kind] }
            return pages.render("document", language: visit.account.language, values)
        }
        router.get("/dossiers/:dossier/documents/:id/pdf") { _, context in try await file(context, role: .pdf, disposition: "inline") }
        router.get("/dossiers/:dossier/documents/:id/ubl") { _, context in try await file(context, role: .ubl, disposition: "attachment") }
        router.post("/dossiers/:dossier/documents/:id/resend") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit, manage: true)
            let document = try document(context, in: dossier)
            let form = try await postedForm(request, context)
            let route = try form.value("route").map { try Self.choice(DocumentKind.self, $0, field: "route") }
            _ = try gateway.resend.document(dossier: dossier.name, documentID: document.id, route: route)
            return Response.redirect(to: "/dossiers/\(dossier.name)/documents/\(document.id)")
        }
        router.post("/dossiers/:dossier/documents/:id/review") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit, manage: true)
            let document = try document(context, in: dossier)
            let form = try await postedForm(request, context)
            let kind = try Self.choice(DocumentKind.self, form.value("kind") ?? "", field: "kind")
            _ = try gateway.review.release(dossier: dossier.name, documentID: document.id, kind: kind)
            return Response.redirect(to: "/dossiers/\(dossier.name)/documents/\(document.id)")
        }
    }

    /// Rows of the delivery log per page: a phone scrolls it, a browser renders it at once.
    static let documentsPerPage = 100

    /// The log's next page: the same filters, after the page's last document.
    static func nextPage(_ request: Request, after id: Int64) -> String {
        var components = URLComponents()
        components.path = request.uri.path
        components.queryItems = request.uri.queryParameters.filter { $0.key != "after" }
            .map { URLQueryItem(name: String($0.key), value: String($0.value)) } + [URLQueryItem(name: "after", value: String(id))]
        return components.string ?? request.uri.path
    }

    func document(_ context: WebContext, in dossier: Dossier) throws -> DocumentStatus {
        guard let id = context.parameters.get("id", as: Int64.self),
              let document = try gateway.status(DocumentFilter(dossier: dossier.name, documentID: id)).first else {
            throw DocumentNotFound()
        }
        return document
    }

    /// A document's UBL or PDF as stored, for anyone who sees the dossier.
    func file(_ context: WebContext, role: DocumentFile.Role, disposition: String) async throws -> Response {
        let visit = try visit(context)
        let dossier = try dossier(context, for: visit)
        let document = try document(context, in: dossier)
        guard let file = try gateway.storedFiles.list(of: document.id, dossier: dossier.name)?.first(where: { role == .pdf ? $0.mimeType == "application/pdf" : $0.role == role }) else {
            throw DocumentNotFound()
        }
        var response = Response(status: .ok, body: Self.streamed(try await gateway.storedFiles.open(file)))
        response.headers[.contentType] = file.mimeType
        response.headers[.contentDisposition] = "\(disposition); filename=\"\(file.name)\""
        response.headers[.eTag] = "\"\(file.sha256)\""
        return response
    }

    /// Values for the templates: an absent value is left out, so `{{#key}}` sections skip it.
    func documentRow(_ document: DocumentStatus) -> [String: Any] {
        present(["id": document.id, "number": document.number, "kind": document.kind?.rawValue, "state": document.state.rawValue,
                 "issue_date": document.issueDate, "counterparty": document.counterparty, "file": document.file,
                 "version": document.version, "held_reason": document.heldReason])
    }

    func deliveryValues(_ delivery: DeliveryStatus) -> [String: Any] {
        present([
            "id": delivery.id, "route": delivery.route?.rawValue, "state": delivery.state.rawValue, "attempts": delivery.attempts,
            "sent_at": delivery.sentAt?.formatted(.iso8601), "last_reply": delivery.lastReply,
            "collected_at": delivery.collectedAt?.formatted(.iso8601), "collected_by": delivery.collectedBy,
            "has_recipients": !delivery.recipients.isEmpty,
            "recipients": delivery.recipients.map { present(["address": $0.address, "state": $0.state.rawValue, "reply": $0.smtpReply]) },
            "bounce": delivery.bounce.map { present(["recipient": $0.recipient, "status": $0.status, "reason": $0.reason,
                                                     "diagnostic": $0.diagnostic]) },
        ])
    }

    func present(_ values: [String: Any?]) -> [String: Any] { values.compactMapValues { $0 } }
}
