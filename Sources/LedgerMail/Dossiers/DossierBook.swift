import Foundation

/// The dossiers themselves: add, show, list, the owner's address, remove or archive
/// (`ledgermail dossier …`, the web's settings page). Changes are in `DossierBook+Change.swift`.
public struct DossierBook: Sendable {
    let services: GatewayServices

    /// Adds a dossier. The number is a Belgian enterprise / VAT number or another EU member
    /// state's VAT number, its shape and check digits checked (`DossierNumber`).
    public func add(name: String, company: String, vat: String, language: Language, dispatch: DispatchPolicy,
                    from: String, accountant: String, timeZone: String, ownerEmail: String? = nil) throws {
        try Dossier.checkName(name)
        let record = try DossierFields(company: company, vat: vat, language: language, dispatch: dispatch, from: from,
                                       accountant: accountant, timeZone: timeZone, ownerEmail: ownerEmail)
            .record(name: name, over: nil, createdAt: services.clock())
        try services.store.write { tx in
            guard try !tx.dossierExists(name) else { throw DossierExists(name: name) }
            try tx.insert(record)
        }
    }

    public func named(_ name: String) throws -> Dossier {
        try services.store.read { tx in try Dossier(try tx.requireDossier(name)) }
    }

    /// Every dossier with its counts per state, in one query however many there are.
    public func overview() throws -> [DossierOverview] {
        try services.store.read { tx in
            let now = services.clock()
            var starts: [String: Date] = [:]
            for zone in try tx.timeZonesInUse() {
                starts[zone] = Period.quarterStart(containing: now, in: TimeZone(identifier: zone) ?? .gmt)
            }
            return try tx.dossierOverview(quarterStarts: starts)
        }
    }

    /// Sets (or with nil clears) where the dossier's digest goes. Refused when it is one of the
    /// dossier's import addresses: a digest there would be booked as a document.
    public func setOwnerEmail(dossier name: String, _ address: String?) throws {
        let owner = try address.map(Self.checkedOwner)
        try services.store.write { tx in
            var record = try tx.requireWritableDossier(name)
            if let owner { try Self.refuseImportAddress(owner, dossier: name, tx) }
            record.ownerEmail = owner?.value
            try tx.update(record)
        }
    }

    static func checkedOwner(_ text: String) throws -> EmailAddress {
        try InvalidInput.checkSingleLine(text, name: "--owner-email")
        return try EmailAddress(text)
    }

    static func refuseImportAddress(_ owner: EmailAddress, dossier name: String, _ tx: any StoreTransaction) throws {
        let routes = try tx.routes(dossier: name).map(Route.init)
        if let route = routes.first(where: { $0.addresses.contains { $0.value.lowercased() == owner.value.lowercased() } }) {
            throw OwnerIsImportAddress(owner: owner, kind: route.kind, dossier: name)
        }
    }

    /// Removes a dossier with its documents and history, or with `archive` keeps them
    /// read-only. Refused while anything waits or is in flight.
    public func remove(_ name: String, archive: Bool) throws {
        let orphans: Set<String> = try services.store.write { tx in
            _ = try tx.requireWritableDossier(name)
            let waiting = try tx.unfinishedDocuments(dossier: name)
            guard waiting.isEmpty else { throw DossierStillBusy(dossier: name, waiting: waiting) }
            if archive {
                try tx.archive(dossier: name, at: services.clock())
                return []
            }
            return try tx.deleteDossierWithDocuments(name)
        }
        // After the commit: a crash before this leaves unreferenced files, never a row without its file.
        for hash in orphans { try services.blobs.remove(hash) }
    }
}
