import Foundation

/// An accounting package's preset applied to a dossier: every address checked against the
/// package's rule first, then one route per kind.
public struct IntegrationSetup: Sendable {
    let services: GatewayServices

    /// Routes a dossier's kinds per an accounting package's preset, after checking every
    /// address against the preset's rule. `addresses` maps a kind to its address; for a
    /// one-for-all package, `nil` (or any one kind) carries the single address.
    /// Nothing is changed when any address is refused; the error says which and why.
    public func enable(dossier name: String, preset: IntegrationPreset,
                       addresses: [DocumentKind?: String]) throws -> [Route] {
        let dossier = try DossierBook(services: services).named(name)
        var plan: [(DocumentKind, EmailAddress)] = []
        var refusals: [String] = []
        func check(_ text: String) -> EmailAddress? {
            do {
                try InvalidInput.checkSingleLine(text, name: "an address")
                let address = try EmailAddress(text)
                if let why = preset.rule.refusal(address, enterpriseNumber: dossier.enterpriseNumber) {
                    refusals.append(why)
                    return nil
                }
                return address
            } catch {
                refusals.append(error.message)
                return nil
            }
        }
        switch preset.addressing {
        case .oneForAll:
            let given = Set(addresses.values)
            guard given.count == 1, let text = given.first else {
                throw InvalidInput("\(preset.title) takes one address for every kind (\(preset.rule.description)); give exactly one")
            }
            if let address = check(text) { plan = preset.kinds.map { ($0, address) } }
        case .perKind:
            guard !addresses.isEmpty, !addresses.keys.contains(nil) else {
                throw InvalidInput("\(preset.title) takes one address per kind: give KIND=ADDRESS for each")
            }
            for (key, text) in addresses.sorted(by: { ($0.key?.rawValue ?? "") < ($1.key?.rawValue ?? "") }) {
                guard let kind = key else { continue }
                guard preset.kinds.contains(kind) else {
                    refusals.append("\(preset.title) does not take \(kind.rawValue): it takes \(preset.kinds.map(\.rawValue).joined(separator: ", "))")
                    continue
                }
                if let address = check(text) { plan.append((kind, address)) }
            }
        }
        guard refusals.isEmpty else {
            throw InvalidInput("refused for \(preset.title): " + refusals.joined(separator: "; "))
        }
        let routes = RouteBook(services: services)
        try routes.setAll(plan.map { Route(kind: $0.0, addresses: [$0.1], attach: preset.attach, maxSize: preset.maxSize) }, dossier: name)
        return try routes.list(dossier: name)
    }
}
