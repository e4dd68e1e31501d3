import Foundation
import GRDB

/// What `dossier set` changed beyond the settings themselves.
public struct DossierChangeReport: Sendable, Equatable {
    /// Held documents whose kind the new number now decides: scheduled by their routes.
    public var released: [Int64] = []
}

/// Why a dossier cannot be removed or archived now.
public struct DossierStillBusy: Error, Sendable, CustomStringConvertible {
    public let dossier: String
    public let waiting: [DeliveryState: Int]

    public var description: String {
        let counts = waiting.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
        return "dossier '\(dossier)' still has documents waiting or in flight (\(counts.joined(separator: ", "))): "
            + "send, review or resend them first (`ledgermail status \(dossier) --state held,pending,scheduled,deferred,sending`)"
    }
}

/// A change to an archived dossier: its documents and history are kept read-only.
public struct DossierArchived: Error, Sendable, CustomStringConvertible {
    public let dossier: String
    public var description: String { "dossier '\(dossier)' is archived: its documents and history are read-only" }
}

extension Gateway {
    /// Every dossier with its counts per state, in one query however many there are.
    public func dossierOverview() throws -> [DossierOverview] {
        try database.read { db in
            let now = clock()
            var starts: [String: Date] = [:]
            for zone in try DossierOverview.timeZonesInUse(db) {
                starts[zone] = Period.quarterStart(containing: now, in: TimeZone(identifier: zone) ?? .gmt)
            }
            return try DossierOverview.all(quarterStarts: starts, db)
        }
    }

    /// Changes the settings `change` names. A new VAT number re-checks the documents held
    /// because their kind could not be decided: those it decides now go to their routes.
    public func updateDossier(_ name: String, _ change: DossierFields) throws -> DossierChangeReport {
        guard !change.isEmpty else { throw InvalidInput("nothing to change: give at least one option (see --help)") }
        let old = try database.read { db in try requireWritableDossier(name, db) }
        let record = try change.record(name: name, over: old, createdAt: old.createdAt)
        // Held documents are read again outside the write: reading UBL is the slow part.
        let decided = record.enterpriseNumber == old.enterpriseNumber ? [:] : try kindsDecidedAgain(dossier: name, by: record)
        return try database.write { db in
            if let owner = record.ownerEmail { try Self.refuseImportAddress(try EmailAddress(owner), dossier: name, db) }
            try record.update(db)
            let dossier = try Dossier(record)
            var report = DossierChangeReport()
            for (id, kind) in decided.sorted(by: { $0.key < $1.key }) {
                guard var document = try DocumentRecord.fetchOne(db, key: id), document.kind == nil,
                      document.supersededBy == nil, try DeliveryRecord.deleteHeld(of: id, db) > 0 else { continue }
                document.kind = kind
                document.hold(nil)
                try document.update(db)
                try scheduleDelivery(for: document, kind: kind, dossier: dossier, db)
                report.released.append(id)
            }
            return report
        }
    }

    /// The undecided held UBL documents whose kind `record`'s number decides.
    private func kindsDecidedAgain(dossier name: String, by record: DossierRecord) throws -> [Int64: DocumentKind] {
        let undecided = try database.read { db in try DocumentRecord.heldWithoutKind(dossier: name, db) }
        var decided: [Int64: DocumentKind] = [:]
        for document in undecided {
            guard let hash = document.ublSHA256, let id = document.id,
                  let ubl = try? UBLReader(limits: readerLimits).read(try blobs.get(hash)),
                  case .kind(let kind) = KindDecision(document: ubl, ownIdentifiers: try Dossier(record).ownIdentifiers) else { continue }
            decided[id] = kind
        }
        return decided
    }

    /// Removes a dossier with its documents and history, or with `archive` keeps them
    /// read-only. Refused while anything waits or is in flight.
    public func removeDossier(_ name: String, archive: Bool) throws {
        let orphans: Set<String> = try database.write { db in
            _ = try requireWritableDossier(name, db)
            let waiting = try DossierRecord.unfinished(name, db)
            guard waiting.isEmpty else { throw DossierStillBusy(dossier: name, waiting: waiting) }
            if archive {
                try DossierRecord.archive(name, at: clock(), db)
                return []
            }
            return try DossierRecord.deleteWithDocuments(name, db)
        }
        // After the commit: a crash before this leaves unreferenced files, never a row without its file.
        for hash in orphans { try blobs.remove(hash) }
    }

    /// Takes addresses off a route, or the whole route when none are given (or none are
    /// left). Documents of that kind still waiting are then held with that reason.
    @discardableResult
    public func removeRoute(dossier name: String, kind: DocumentKind, addresses: [String] = []) throws -> Int {
        let removing = try Set(addresses.map { try EmailAddress($0).value })
        return try database.write { db in
            _ = try requireWritableDossier(name, db)
            guard var route = try RouteRecord.fetchOne(db, key: ["dossier": name, "kind": kind.rawValue]) else {
                throw InvalidInput("dossier '\(name)' has no \(kind.rawValue) route")
            }
            let current = route.addresses.split(separator: ",").map(String.init)
            if let unknown = removing.first(where: { !current.contains($0) }) {
                throw InvalidInput("\(unknown) is not an address of the \(kind.rawValue) route (it has \(current.joined(separator: ", ")))")
            }
            let left = current.filter { !removing.contains($0) }
            if !removing.isEmpty, !left.isEmpty {
                route.addresses = left.joined(separator: ",")
                try route.update(db)
                return 0
            }
            try route.delete(db)
            return try DeliveryRecord.holdWaiting(dossier: name, kind: kind, now: clock(), db)
        }
    }

    /// The dossier, refusing when it is archived: for every command that changes it.
    func requireWritableDossier(_ name: String, _ db: Database) throws -> DossierRecord {
        let record = try requireDossier(name, db)
        if record.archivedAt != nil { throw DossierArchived(dossier: name) }
        return record
    }
}
