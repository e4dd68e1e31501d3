import Foundation
import Hummingbird
import LedgerMail

extension WebApp {
    func addSettingsRoutes(to router: Router<WebContext>) {
        router.get("/dossiers/:dossier/settings") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit)
            return settingsPage(dossier, visit: visit, form: nil, error: nil, saved: request.uri.queryParameters["saved"] != nil)
        }
        router.post("/dossiers/:dossier/settings") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit, manage: true)
            let form = try await postedForm(request, context)
            let fields = DossierFields(
                company: form.value("company") ?? "", vat: form.value("vat") ?? "",
                language: try form.value("language").map { try Self.choice(Language.self, $0, field: "language") },
                dispatch: try form.value("dispatch").map { try Self.choice(DispatchPolicy.self, $0, field: "dispatch") },
                accountant: form.value("accountant") ?? "", timeZone: form.value("time_zone") ?? "",
                ownerEmail: form.value("owner_email") ?? "")
            do {
                _ = try gateway.dossiers.change(dossier.name, fields)
            } catch let error as any RefusedRequest {
                return settingsPage(dossier, visit: visit, form: form, error: error.description, saved: false)
            }
            return Response.redirect(to: "/dossiers/\(dossier.name)/settings?saved=1")
        }
    }

    func settingsPage(_ dossier: Dossier, visit: Visit, form: Form?, error: String?, saved: Bool) -> Response {
        var values = visit.values
        values["dossier"] = dossierValues(dossier, visit: visit)
        let current: [String: String] = [
            "company": dossier.company, "vat": dossier.enterpriseNumber.allSatisfy(\.isNumber) ? "BE" + dossier.enterpriseNumber : dossier.enterpriseNumber, "time_zone": dossier.timeZone,
            "accountant": dossier.accountant.value, "owner_email": dossier.ownerEmail?.value ?? "",
        ]
        values["field"] = current.merging(form?.fields.filter { current.keys.contains($0.key) } ?? [:]) { $1 }
        let language = form?["language"] ?? dossier.language.rawValue
        values["languages"] = Language.allCases.map { ["value": $0.rawValue, "selected": $0.rawValue == language] }
        let dispatch = form?["dispatch"] ?? dossier.dispatch.rawValue
        let labels = pages.labels[visit.account.language] ?? [:]
        values["dispatches"] = DispatchPolicy.allCases.map { policy -> [String: Any] in
            let key = "dispatch_" + policy.rawValue.replacingOccurrences(of: "-", with: "_")
            return ["value": policy.rawValue, "label": labels[key] ?? policy.rawValue, "selected": policy.rawValue == dispatch]
        }
        values["readonly"] = !visit.account.manages(dossier.name)
        if let error { values["error"] = error }
        if saved { values["saved"] = true }
        return pages.render("settings", language: visit.account.language, status: error == nil ? .ok : .badRequest, values)
    }

    /// A form's choice among an enum's values, or a clear refusal.
    static func choice<T: RawRepresentable & CaseIterable>(_: T.Type, _ text: String, field: String) throws -> T where T.RawValue == String {
        guard let value = T(rawValue: text) else {
            throw InvalidInput("\(field) must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return value
    }
}
