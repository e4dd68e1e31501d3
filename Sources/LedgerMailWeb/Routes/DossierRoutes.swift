import Foundation
import Hummingbird
import LedgerMail

extension WebApp {
    func addDossierRoutes(to router: Router<WebContext>) {
        router.get("/dossiers") { _, context in
            let visit = try visit(context)
            let overview = try gateway.dossiers.overview().filter { visit.account.sees($0.name) }
            var values = visit.values
            values["dossiers"] = overview.map { dossier -> [String: Any] in
                let attention = [DeliveryState.failed, .bounced, .challenged, .held].reduce(0) { $0 + (dossier.states[$1] ?? 0) }
                return ["name": dossier.name, "company": dossier.company, "documents": dossier.documents,
                        "attention": attention, "has_attention": attention > 0, "sent": dossier.sentThisQuarter,
                        "archived": dossier.archived]
            }
            return pages.render("dossiers", language: visit.account.language, values)
        }
        router.get("/dossiers/:dossier") { _, context in
            let visit = try visit(context)
            let dossier = try dossier(context, for: visit)
            var values = visit.values
            values["dossier"] = dossierValues(dossier, visit: visit)
            let overview = try gateway.dossiers.overview().first { $0.name == dossier.name }
            values["states"] = DeliveryState.allCases.compactMap { state -> [String: Any]? in
                guard let count = overview?.states[state], count > 0 else { return nil }
                return ["state": state.rawValue, "count": count]
            }
            return pages.render("dossier", language: visit.account.language, values)
        }
    }

    /// What every dossier page shows in its heading and menu.
    func dossierValues(_ dossier: Dossier, visit: Visit) -> [String: Any] {
        ["name": dossier.name, "company": dossier.company, "manages": visit.account.manages(dossier.name)]
    }
}
