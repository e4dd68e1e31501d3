import Foundation
import Hummingbird
import LedgerMail

/// The integration tiles (Clearfacts, Yuki, WinBooks Connect, …): each preset's addressing and
/// address rule explained, the addresses checked against it on submit; and the "send a test
/// mail" button, which writes to the accountant's contact, never to an import box.
extension WebApp {
    func addIntegrationRoutes(to router: Router<WebContext>) {
        router.get("/dossiers/:dossier/integrations") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit)
            return integrationsPage(dossier, visit: visit, error: nil, enabled: request.uri.queryParameters.get("enabled"))
        }
        router.post("/dossiers/:dossier/integrations/:preset") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit, manage: true)
            let form = try await postedForm(request, context)
            guard let name = context.parameters.get("preset"), let preset = presets.first(where: { $0.name == name }) else {
                throw DocumentNotFound()
            }
            var addresses: [DocumentKind?: String] = [:]
            if preset.addressing == .oneForAll {
                if let address = form.value("address") { addresses[nil] = address }
            } else {
                for kind in preset.kinds { if let address = form.value(kind.rawValue) { addresses[kind] = address } }
            }
            do {
                _ = try gateway.integrations.enable(dossier: dossier.name, preset: preset, addresses: addresses)
            } catch let error as any RefusedRequest {
                return integrationsPage(dossier, visit: visit, error: error.description, enabled: nil)
            }
            return Response.redirect(to: "/dossiers/\(dossier.name)/integrations?enabled=\(preset.name)")
        }
        router.post("/dossiers/:dossier/billmail/test") { request, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit, manage: true)
            let form = try await postedForm(request, context)
            let kind = try Self.choice(DocumentKind.self, form.value("kind") ?? "", field: "kind")
            let contact = try await gateway.routes.test(dossier: dossier.name, kind: kind)
            var values = visit.values
            values["dossier"] = dossierValues(dossier, visit: visit)
            values["message"] = "\(pages.labels[visit.account.language]?["test_sent"] ?? "Test mail sent to") \(contact.value) (\(kind.rawValue))"
            return pages.render("notice", language: visit.account.language, values)
        }
    }

    func integrationsPage(_ dossier: Dossier, visit: Visit, error: String?, enabled: String?) -> Response {
        var values = visit.values
        values["dossier"] = dossierValues(dossier, visit: visit)
        values["presets"] = presets.map { preset -> [String: Any] in
            present(["name": preset.name, "title": preset.title, "rule": preset.rule.description,
                     "one_for_all": preset.addressing == .oneForAll, "attach": preset.attach.rawValue,
                     "max_size": preset.maxSize?.description, "kinds": preset.kinds.map { ["kind": $0.rawValue] },
                     "enabled": preset.name == enabled])
        }
        values["readonly"] = !visit.account.manages(dossier.name)
        if let error { values["error"] = error }
        return pages.render("integrations", language: visit.account.language, status: error == nil ? .ok : .badRequest, values)
    }
}
