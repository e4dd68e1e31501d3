import Foundation

extension Gateway {
    /// Routes a dossier's kinds per an accounting package's preset, after checking every
    /// address against the preset's rule. `addresses` maps a kind to its address; for a
    /// one-for-all package, `nil` (or any one kind) carries the single address.
    /// Nothing is changed when any address is refused; the error says which and why.
    public func enableIntegration(dossier name: String, preset: IntegrationPreset,
                                  addresses: [DocumentKind?: String]) throws -> [Route] {
        let dossier = try self.dossier(named: name)
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
        for (kind, address) in plan {
            try setRoute(dossier: name, kind: kind, addresses: [address.value], attach: preset.attach, maxSize: preset.maxSize)
        }
        return try routes(dossier: name)
    }

    /// Sends a test mail about a route to the dossier's accountant contact — never to the
    /// import address, where it would be booked as a document.
    public func testRoute(dossier name: String, kind: DocumentKind) async throws -> EmailAddress {
        let dossier = try self.dossier(named: name)
        guard let route = try routes(dossier: name).first(where: { $0.kind == kind }) else {
            throw InvalidInput(HoldReason.noRouteSentence(kind))
        }
        let values: [String: Any] = [
            "company": dossier.company.singleLine, "kind": kind.label(dossier.language),
            "addresses": route.addresses.map(\.value), "attach": route.attach.rawValue,
            "max_size": route.maxSize.map(\.description) ?? "",
        ]
        let content = services.templatedMail("route-test", values, dossier: dossier, to: [dossier.accountant])
        try await services.sendPlain(content, to: [dossier.accountant], what: "the test of the \(kind.rawValue) route")
        return dossier.accountant
    }
}
