import Foundation

/// The named queries on dossiers and their routes.
protocol DossierQueries {
    func dossier(named name: String) throws -> DossierRecord?
    func dossierExists(_ name: String) throws -> Bool
    func insert(_ dossier: DossierRecord) throws
    func update(_ dossier: DossierRecord) throws
    /// Dossiers that have an owner address (where a digest can go).
    func dossiersWithOwner() throws -> [DossierRecord]
    func archive(dossier name: String, at date: Date) throws
    /// How many current documents still wait or are in flight, per state.
    func unfinishedDocuments(dossier name: String) throws -> [DeliveryState: Int]
    /// Deletes the dossier with its documents, deliveries and routes; the stored files no
    /// remaining row refers to.
    func deleteDossierWithDocuments(_ name: String) throws -> Set<String>
    /// Every dossier with its counts per state; `quarterStarts` per time zone in use.
    func dossierOverview(quarterStarts: [String: Date]) throws -> [DossierOverview]
    func timeZonesInUse() throws -> [String]

    func routes(dossier name: String) throws -> [RouteRecord]
    func route(dossier name: String, kind: DocumentKind) throws -> RouteRecord?
    func save(_ route: RouteRecord) throws
    func deleteRoute(dossier name: String, kind: DocumentKind) throws
    /// Holds the kind's deliveries that still wait (its route is gone) and marks their documents
    /// held for want of a route; how many were held.
    func holdWaiting(dossier name: String, kind: DocumentKind, now: Date) throws -> Int
}

extension DossierQueries {
    func requireDossier(_ name: String) throws -> DossierRecord {
        guard let record = try dossier(named: name) else { throw NoSuchDossier(name: name) }
        return record
    }

    /// The dossier, refusing when it is archived: for every command that changes it.
    func requireWritableDossier(_ name: String) throws -> DossierRecord {
        let record = try requireDossier(name)
        if record.archivedAt != nil { throw DossierArchived(dossier: name) }
        return record
    }

    /// The route as the domain sees it, nil when the kind has none.
    func configuredRoute(dossier name: String, kind: DocumentKind) throws -> Route? {
        try route(dossier: name, kind: kind).map(Route.init)
    }
}
