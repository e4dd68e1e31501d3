import Foundation
import GRDB

extension SQLiteTransaction: DossierQueries {
    func dossier(named name: String) throws -> DossierRecord? { try DossierRecord.fetchOne(db, key: name) }
    func dossierExists(_ name: String) throws -> Bool { try DossierRecord.exists(db, key: name) }
    func insert(_ dossier: DossierRecord) throws { try dossier.insert(db) }
    func update(_ dossier: DossierRecord) throws { try dossier.update(db) }

    func dossiersWithOwner() throws -> [DossierRecord] {
        try DossierRecord.filter(DossierRecord.Columns.ownerEmail != nil).order(DossierRecord.Columns.name).fetchAll(db)
    }

    func archive(dossier name: String, at date: Date) throws { try DossierRecord.archive(name, at: date, db) }
    func unfinishedDocuments(dossier name: String) throws -> [DeliveryState: Int] { try DossierRecord.unfinished(name, db) }
    func deleteDossierWithDocuments(_ name: String) throws -> Set<String> { try DossierRecord.deleteWithDocuments(name, db) }

    func dossierOverview(quarterStarts: [String: Date]) throws -> [DossierOverview] {
        try DossierOverview.all(quarterStarts: quarterStarts, db)
    }

    func timeZonesInUse() throws -> [String] { try DossierOverview.timeZonesInUse(db) }

    func routes(dossier name: String) throws -> [RouteRecord] {
        try RouteRecord.filter(RouteRecord.Columns.dossier == name).order(RouteRecord.Columns.kind).fetchAll(db)
    }

    func route(dossier name: String, kind: DocumentKind) throws -> RouteRecord? {
        try RouteRecord.fetchOne(db, key: [RouteRecord.Columns.dossier.name: name, RouteRecord.Columns.kind.name: kind.rawValue])
    }

    func save(_ route: RouteRecord) throws { try route.save(db) }

    func deleteRoute(dossier name: String, kind: DocumentKind) throws {
        _ = try RouteRecord.deleteOne(db, key: [RouteRecord.Columns.dossier.name: name, RouteRecord.Columns.kind.name: kind.rawValue])
    }

    func holdWaiting(dossier name: String, kind: DocumentKind, now: Date) throws -> Int {
        try DeliveryRecord.holdWaiting(dossier: name, kind: kind, now: now, db)
    }
}
