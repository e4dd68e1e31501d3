import Foundation
import PostgresNIO

extension PostgresTransaction: DeliveryQueries {
    /// A claim whose lease ran out ($now is the parameter named): its worker died or hung.
    private static func leaseExpired(now: String) -> String {
        #"(d."state" = 'sending' AND (d."leaseUntil" IS NULL OR d."leaseUntil" <= \#(now)))"#
    }
    private static let waitingStates = DeliveryRecord.waitingStates.map(\.rawValue)

    func insert(_ delivery: inout DeliveryRecord) throws { delivery.id = try insertReturningID(delivery, into: "delivery") }

    func delivery(id: Int64) throws -> DeliveryRecord? {
        try fetchOne(DeliveryRecord.self, #"SELECT * FROM "delivery" WHERE "id" = $1"#, try .of(id))
    }

    func deleteHeldDelivery(of documentID: Int64) throws -> Int {
        try execute(#"DELETE FROM "delivery" WHERE "documentID" = $1 AND "state" = 'held'"#, try .of(documentID))
    }

    func deleteDeliveries(of documentID: Int64) throws {
        try execute(#"DELETE FROM "delivery" WHERE "documentID" = $1"#, try .of(documentID))
    }

    func anythingSent(documentID: Int64) throws -> Bool {
        try fetchValue(Bool.self, #"SELECT EXISTS (SELECT 1 FROM "delivery" d WHERE d."documentID" = $1 AND \#(Self.mayHaveArrived))"#,
                       try .of(documentID)) ?? false
    }

    func anyVersionSent(dossier: String, supplierKey: String, root: DocumentRoot?, number: String) throws -> Bool {
        try fetchValue(Bool.self, #"""
            SELECT EXISTS (SELECT 1 FROM "delivery" d JOIN "document" doc ON doc."id" = d."documentID"
                WHERE doc."dossier" = $1 AND doc."supplierKey" = $2 AND \#(Self.sameRoot(#"doc."root""#))
                  AND doc."number" = $4 AND \#(Self.mayHaveArrived))
            """#, try .of(dossier, supplierKey, root, number)) ?? false
    }

    /// Any attempt counts (see `DeliveryQueries.anythingSent`).
    private static let mayHaveArrived = #"(d."state" IN ('sending', 'sent', 'bounced', 'challenged', 'collected') OR d."attempts" > 0)"#

    func claimable(dossier: String?, selection: SendSelection, now: Date) throws -> [Int64] {
        var sql = #"""
            SELECT d."id" FROM "delivery" d JOIN "document" doc ON doc."id" = d."documentID"
            WHERE doc."supersededBy" IS NULL AND d."routeKind" IS NOT NULL AND ($1::text IS NULL OR doc."dossier" = $1)
            """#
        var ids: [Int64] = []
        switch selection {
        case .due:
            sql += #" AND ((d."state" IN ('scheduled', 'deferred') AND d."dueAt" <= $2) OR \#(Self.leaseExpired(now: "$2")))"#
        case .everythingWaiting:
            sql += #" AND (d."state" = ANY($3) OR \#(Self.leaseExpired(now: "$2")))"#
        case .only(let only):
            guard !only.isEmpty else { return [] }
            ids = only
            sql += #" AND (d."state" = ANY($3) OR \#(Self.leaseExpired(now: "$2"))) AND d."id" = ANY($4)"#
        }
        // SQLite puts a missing due time first; so does this.
        sql += #" ORDER BY d."dueAt" NULLS FIRST, d."id""#
        let binds: PostgresBindings = switch selection {
        case .due: try .of(dossier, now)
        case .everythingWaiting: try .of(dossier, now, Self.waitingStates)
        case .only: try .of(dossier, now, Self.waitingStates, ids)
        }
        return try fetchAll(Int64.self, sql, binds)
    }

    func claimableDelivery(id: Int64, now: Date) throws -> DeliveryRecord? {
        try fetchOne(DeliveryRecord.self, #"""
            SELECT * FROM "delivery" d WHERE d."id" = $1 AND d."routeKind" IS NOT NULL
              AND (d."state" = ANY($3) OR \#(Self.leaseExpired(now: "$2")))
            """#, try .of(id, now, Self.waitingStates))
    }

    func claim(_ delivery: DeliveryRecord, by worker: String, leaseUntil: Date, now: Date) throws -> Bool {
        // SKIP LOCKED: a row another worker is claiming right now is not waited for, it is theirs.
        try execute(#"""
            UPDATE "delivery" SET "state" = 'sending', "messageID" = $4, "attempts" = $3 + 1,
                "firstAttemptAt" = COALESCE("firstAttemptAt", $2), "updatedAt" = $2, "claimedBy" = $5, "leaseUntil" = $6
            WHERE "id" = (SELECT d."id" FROM "delivery" d WHERE d."id" = $1 AND d."routeKind" IS NOT NULL
                AND (d."state" = ANY($7) OR \#(Self.leaseExpired(now: "$2"))) AND d."attempts" = $3
                FOR UPDATE SKIP LOCKED)
            """#, try .of(delivery.id, now, Int64(delivery.attempts), delivery.messageID, worker, leaseUntil, Self.waitingStates)) == 1
    }

    func settle(_ delivery: DeliveryRecord, by worker: String, recipients: [RecipientRecord]?,
                followUp: DeliveryRecord?) throws -> Bool {
        guard let id = delivery.id, try fetchValue(Int64.self, #"""
            SELECT "id" FROM "delivery" WHERE "id" = $1 AND "state" = 'sending' AND "claimedBy" = $2 FOR UPDATE
            """#, try .of(id, worker)) != nil else { return false }
        var settled = delivery
        settled.claimedBy = nil
        settled.leaseUntil = nil
        try update(settled, in: "delivery")
        if let recipients {
            try execute(#"DELETE FROM "deliveryRecipient" WHERE "deliveryID" = $1"#, try .of(id))
            for row in recipients { _ = try insertReturningID(row, into: "deliveryRecipient") }
        }
        if let followUp { _ = try insertReturningID(followUp, into: "delivery") }
        return true
    }

    func claimHolders() throws -> Set<String> {
        Set(try fetchAll(String.self, #"SELECT DISTINCT "claimedBy" FROM "delivery" WHERE "state" = 'sending' AND "claimedBy" IS NOT NULL"#))
    }

    func expireClaims(of worker: String, now: Date) throws -> Int {
        try execute(#"UPDATE "delivery" SET "leaseUntil" = $2 WHERE "state" = 'sending' AND "claimedBy" = $1"#, try .of(worker, now))
    }
}
