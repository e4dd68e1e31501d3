import Foundation

/// What `dossier set` changed beyond the settings themselves.
public struct DossierChangeReport: Sendable, Equatable {
    /// Held documents whose kind the new number now decides: scheduled by their routes.
    public var released: [Int64] = []
}

extension DossierBook {
    /// Changes the settings `change` names. A new VAT number re-checks the documents held
    /// because their kind could not be decided: those it decides now go to their routes.
    public func change(_ name: String, _ change: DossierFields) throws -> DossierChangeReport {
        guard !change.isEmpty else { throw InvalidInput("nothing to change: give at least one option (see --help)") }
        let old = try services.store.read { tx in try tx.requireWritableDossier(name) }
        let record = try change.record(name: name, over: old, createdAt: old.createdAt)
        // Held documents are read again outside the write: reading UBL is the slow part.
        let decided = record.enterpriseNumber == old.enterpriseNumber ? [:] : try kindsDecidedAgain(dossier: name, by: record)
        let scheduler = DeliveryScheduler(services)
        return try services.store.write { tx in
            if let owner = record.ownerEmail { try Self.refuseImportAddress(try EmailAddress(owner), dossier: name, tx) }
            try tx.update(record)
            if record.timeZone != old.timeZone { try Self.movePeriodDays(dossier: name, timeZone: record.timeZone, tx) }
            let dossier = try Dossier(record)
            var report = DossierChangeReport()
            for (id, kind) in decided.sorted(by: { $0.key < $1.key }) {
                guard var document = try tx.document(id: id), document.kind == nil,
                      document.supersededBy == nil, try tx.deleteHeldDelivery(of: id) > 0 else { continue }
                document.kind = kind
                document.hold(nil)
                try tx.update(document)
                try scheduler.schedule(document, kind: kind, dossier: dossier, in: tx)
                report.released.append(id)
            }
            return report
        }
    }

    /// A document without a calendar issue date belongs to the period of its import day in the
    /// dossier's time zone: a new zone moves the days of those imported near midnight.
    private static func movePeriodDays(dossier name: String, timeZone: String, _ tx: any StoreTransaction) throws {
        for input in try tx.periodDayInputs(dossier: name) {
            let day = DocumentRecord.periodDay(issueDate: input.issueDate, importedAt: input.importedAt, timeZone: timeZone)
            if day != input.periodDay { try tx.setPeriodDay(day, document: input.id) }
        }
    }

    /// The undecided held UBL documents whose kind `record`'s number decides.
    private func kindsDecidedAgain(dossier name: String, by record: DossierRecord) throws -> [Int64: DocumentKind] {
        let undecided = try services.store.read { tx in try tx.heldWithoutKind(dossier: name) }
        let own = try Dossier(record).ownIdentifiers
        var decided: [Int64: DocumentKind] = [:]
        for document in undecided {
            guard let hash = document.ublSHA256, let id = document.id,
                  let ubl = try? UBLReader(limits: services.settings.readerLimits).read(try services.blobs.get(hash)),
                  case .kind(let kind) = KindDecision(document: ubl, ownIdentifiers: own) else { continue }
            decided[id] = kind
        }
        return decided
    }
}
