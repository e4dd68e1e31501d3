import Foundation
import PostgresNIO

extension PostgresTransaction: DossierQueries {
    func dossier(named name: String) throws -> DossierRecord? {
        try fetchOne(DossierRecord.self, #"SELECT * FROM "dossier" WHERE "name" = $1"#, try .of(name))
    }

    func dossierExists(_ name: String) throws -> Bool {
        try fetchValue(Bool.self, #"SELECT EXISTS (SELECT 1 FROM "dossier" WHERE "name" = $1)"#, try .of(name)) ?? false
    }

    func insert(_ dossier: DossierRecord) throws { try insert(dossier, into: "dossier") }
    func update(_ dossier: DossierRecord) throws { try update(dossier, in: "dossier", key: ["name"]) }

    func dossiersWithOwner() throws -> [DossierRecord] {
        try fetchAll(DossierRecord.self, #"SELECT * FROM "dossier" WHERE "ownerEmail" IS NOT NULL ORDER BY "name""#)
    }

    func archive(dossier name: String, at date: Date) throws {
        try execute(#"UPDATE "dossier" SET "archivedAt" = $2 WHERE "name" = $1"#, try .of(name, date))
    }

    func unfinishedDocuments(dossier name: String) throws -> [DeliveryState: Int] {
        // Any delivery still waiting counts, not only each document's latest (see the SQLite side).
        struct Count: Decodable { let state: DeliveryState; let count: Int64 }
        var counts: [DeliveryState: Int] = [:]
        for row in try fetchAll(Count.self, """
            SELECT d."state" AS "state", COUNT(DISTINCT doc."id") AS "count"
            FROM "document" doc JOIN "delivery" d ON d."documentID" = doc."id"
            WHERE doc."dossier" = $1 AND d."state" IN ('held', 'pending', 'scheduled', 'deferred', 'sending')
            GROUP BY d."state"
            """, try .of(name)) {
            counts[row.state] = Int(row.count)
        }
        let bare = try fetchValue(Int64.self, """
            SELECT COUNT(*) FROM "document" doc WHERE doc."dossier" = $1 AND doc."supersededBy" IS NULL
            AND NOT EXISTS (SELECT 1 FROM "delivery" d WHERE d."documentID" = doc."id")
            """, try .of(name)) ?? 0
        if bare > 0 { counts[.held, default: 0] += Int(bare) }
        return counts
    }

    func deleteDossierWithDocuments(_ name: String) throws -> Set<String> {
        let candidates = Set(try fetchAll(String.self, """
            SELECT h FROM "document", LATERAL (VALUES ("ublSHA256"), ("pdfSHA256"), ("fileSHA256")) AS f(h)
            WHERE "dossier" = $1 AND h IS NOT NULL
            """, try .of(name)))
        // Versions point at each other: clear the links before the rows go.
        try execute(#"UPDATE "document" SET "supersededBy" = NULL WHERE "dossier" = $1"#, try .of(name))
        try execute(#"DELETE FROM "document" WHERE "dossier" = $1"#, try .of(name))
        try execute(#"DELETE FROM "dossier" WHERE "name" = $1"#, try .of(name))
        guard !candidates.isEmpty else { return [] }
        let stillUsed = Set(try fetchAll(String.self, """
            SELECT h FROM "document", LATERAL (VALUES ("ublSHA256"), ("pdfSHA256"), ("fileSHA256")) AS f(h)
            WHERE h = ANY($1)
            UNION SELECT "rawSHA256" FROM "inbound" WHERE "rawSHA256" = ANY($1)
            """, try .of(Array(candidates))))
        return candidates.subtracting(stillUsed)
    }

    func dossierOverview(quarterStarts: [String: Date]) throws -> [DossierOverview] {
        struct Head: Decodable { let name: String; let company: String; let archived: Bool }
        struct Line: Decodable {
            let dossier: String; let state: DeliveryState; let count: Int64; let sentThisQuarter: Int64; let lastActivity: Date?
        }
        var overviews = try fetchAll(Head.self, #"SELECT "name", "company", "archivedAt" IS NOT NULL AS "archived" FROM "dossier" ORDER BY "name""#)
            .map { DossierOverview(name: $0.name, company: $0.company, archived: $0.archived, documents: 0, states: [:],
                                   sentThisQuarter: 0, lastActivity: nil) }
        let position = Dictionary(uniqueKeysWithValues: overviews.enumerated().map { ($0.element.name, $0.offset) })
        let zones = quarterStarts.sorted { $0.key < $1.key }
        for line in try fetchAll(Line.self, """
            SELECT doc."dossier" AS "dossier", COALESCE(latest."state", 'held') AS "state", COUNT(*) AS "count",
                   COUNT(*) FILTER (WHERE latest."state" = 'sent' AND latest."sentAt" >= zone.start) AS "sentThisQuarter",
                   MAX(GREATEST(doc."importedAt", COALESCE(latest."updatedAt", doc."importedAt"))) AS "lastActivity"
            FROM "document" doc
            LEFT JOIN LATERAL (SELECT d.* FROM "delivery" d WHERE d."documentID" = doc."id" ORDER BY d."id" DESC LIMIT 1) latest ON true
            JOIN "dossier" ON "dossier"."name" = doc."dossier"
            LEFT JOIN unnest($1::text[], $2::timestamptz[]) AS zone(tz, start) ON zone.tz = "dossier"."timeZone"
            WHERE doc."supersededBy" IS NULL
            GROUP BY 1, 2
            """, try .of(zones.map(\.key), zones.map(\.value))) {
            guard let index = position[line.dossier] else { continue }
            overviews[index].documents += Int(line.count)
            overviews[index].states[line.state] = Int(line.count)
            overviews[index].sentThisQuarter += Int(line.sentThisQuarter)
            overviews[index].lastActivity = [overviews[index].lastActivity, line.lastActivity].compactMap { $0 }.max()
        }
        return overviews
    }

    func timeZonesInUse() throws -> [String] {
        try fetchAll(String.self, #"SELECT DISTINCT "timeZone" FROM "dossier""#)
    }

    func routes(dossier name: String) throws -> [RouteRecord] {
        try fetchAll(RouteRecord.self, #"SELECT * FROM "route" WHERE "dossier" = $1 ORDER BY "kind""#, try .of(name))
    }

    func route(dossier name: String, kind: DocumentKind) throws -> RouteRecord? {
        try fetchOne(RouteRecord.self, #"SELECT * FROM "route" WHERE "dossier" = $1 AND "kind" = $2"#, try .of(name, kind))
    }

    func save(_ route: RouteRecord) throws {
        let columns = try PostgresRecordEncoder.encode(route)
        let sql = Self.insertSQL("route", columns.names) + #" ON CONFLICT ("dossier", "kind") DO UPDATE SET "#
            + columns.names.filter { $0 != "dossier" && $0 != "kind" }.map { "\(Self.quoted($0)) = EXCLUDED.\(Self.quoted($0))" }
                .joined(separator: ", ")
        try execute(sql, columns.binds)
    }

    func deleteRoute(dossier name: String, kind: DocumentKind) throws {
        try execute(#"DELETE FROM "route" WHERE "dossier" = $1 AND "kind" = $2"#, try .of(name, kind))
    }

    func holdWaiting(dossier name: String, kind: DocumentKind, now: Date) throws -> Int {
        struct Held: Decodable { let documentID: Int64 }
        let held = try fetchAll(Held.self, """
            UPDATE "delivery" d SET "state" = 'held', "dueAt" = NULL, "lastReply" = $3, "updatedAt" = $4
            FROM "document" doc
            WHERE doc."id" = d."documentID" AND doc."dossier" = $1 AND doc."kind" = $2 AND doc."supersededBy" IS NULL
              AND d."routeKind" = $2 AND d."state" IN ('pending', 'scheduled', 'deferred')
            RETURNING d."documentID" AS "documentID"
            """, try .of(name, kind, HoldReason.noRouteSentence(kind), now))
        try execute(#"UPDATE "document" SET "heldBecause" = 'no-route', "heldDetail" = NULL WHERE "id" = ANY($1)"#,
                    try .of(Array(Set(held.map(\.documentID)))))
        return held.count
    }
}
