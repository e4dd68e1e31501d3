import Foundation
import Hummingbird
import LedgerMail

/// The BillMail tile: one import address (or several) per kind, with the attachments and the
/// size cap of each route, and the sender of the mails.
extension WebApp {
    func addBillMailRoutes(to router: Router<WebContext>) {
        router.get("/dossiers/:dossier/billmail") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit)
            return try billMailPage(dossier, visit: visit, form: nil, error: nil, saved: request.uri.queryParameters["saved"] != nil)
        }
        router.post("/dossiers/:dossier/billmail") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit, manage: true)
            let form = try await postedForm(request, context)
            do {
                let plan = try RoutePlan(form: form)
                try apply(plan, to: dossier)
            } catch let error as any RefusedRequest {
                return try billMailPage(dossier, visit: visit, form: form, error: error.description, saved: false)
            }
            return Response.redirect(to: "/dossiers/\(dossier.name)/billmail?saved=1")
        }
    }

    /// One transaction: a refused value, or a failure half-way, changes nothing.
    func apply(_ plan: RoutePlan, to dossier: Dossier) throws {
        try gateway.routes.replaceAll(dossier: dossier.name, from: plan.from, routes: plan.routes)
    }

    /// A sender as a person would type it back: the name quoted when it holds a special character.
    static func written(_ mailbox: Mailbox) -> String {
        guard let name = mailbox.displayName, !name.isEmpty else { return mailbox.address.value }
        let special = CharacterSet(charactersIn: "()<>[]:;@\\,.\"")
        let shown = name.unicodeScalars.contains(where: special.contains)
            ? "\"" + name.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" : name
        return "\(shown) <\(mailbox.address.value)>"
    }

    func billMailPage(_ dossier: Dossier, visit: Visit, form: Form?, error: String?, saved: Bool) throws -> Response {
        let routes = Dictionary(uniqueKeysWithValues: try gateway.routes.list(dossier: dossier.name).map { ($0.kind, $0) })
        var values = visit.values
        values["dossier"] = dossierValues(dossier, visit: visit)
        values["from"] = form?["from"] ?? Self.written(dossier.from)
        values["kinds"] = DocumentKind.allCases.map { kind -> [String: Any] in
            let route = routes[kind]
            let attach = form?["attach-\(kind.rawValue)"] ?? route?.attach.rawValue ?? AttachPolicy.both.rawValue
            return ["kind": kind.rawValue, "label_key": kind.rawValue,
                    "addresses": form?[kind.rawValue] ?? route?.addresses.map(\.value).joined(separator: ", ") ?? "",
                    "max_size": form?["max-size-\(kind.rawValue)"] ?? route?.maxSize?.description ?? "",
                    "pull": form.map { $0["pull-\(kind.rawValue)"] != nil } ?? route?.pull ?? false,
                    "attach": AttachPolicy.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == attach] }]
        }
        values["readonly"] = !visit.account.manages(dossier.name)
        if let error { values["error"] = error }
        if saved { values["saved"] = true }
        return pages.render("billmail", language: visit.account.language, status: error == nil ? .ok : .badRequest, values)
    }
}

/// The BillMail form read and checked: each kind's route (a kind without one has none).
struct RoutePlan {
    var from: String?
    var routes: [Route] = []

    init(form: Form) throws {
        from = form.value("from")
        if let from { _ = try Mailbox(parsing: from) }
        for kind in DocumentKind.allCases {
            let addresses = (form[kind.rawValue] ?? "").split(separator: ",")
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if form["pull-\(kind.rawValue)"] != nil {
                guard addresses.isEmpty else {
                    throw InvalidInput("\(kind.rawValue): a pulled kind has no import addresses: clear them or untick the box")
                }
                routes.append(Route(kind: kind, addresses: [], pull: true))
                continue
            }
            guard !addresses.isEmpty else { continue }
            let attach = try form.value("attach-\(kind.rawValue)").map {
                try WebApp.choice(AttachPolicy.self, $0, field: "attach-\(kind.rawValue)")
            } ?? .both
            let cap = try form.value("max-size-\(kind.rawValue)").map { text throws(InvalidInput) in try ByteSize(parsing: text) }
            do {
                routes.append(try RouteBook.route(kind: kind, addresses: addresses, attach: attach, maxSize: cap))
            } catch {
                throw InvalidInput("\(kind.rawValue): \(error.message)")
            }
        }
    }
}
