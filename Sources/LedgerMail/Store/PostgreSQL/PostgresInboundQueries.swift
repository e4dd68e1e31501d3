import Foundation
import PostgresNIO

extension PostgresTransaction: InboundQueries {
    func mailboxCursor(_ mailbox: String) throws -> MailboxCursorRecord? {
        try fetchOne(MailboxCursorRecord.self, #"SELECT * FROM "mailboxCursor" WHERE "mailbox" = $1"#, try .of(mailbox))
    }

    func save(_ cursor: MailboxCursorRecord) throws {
        try execute("""
            INSERT INTO "mailboxCursor" ("mailbox", "uidValidity", "lastUID", "refusedUID", "refusals") VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT ("mailbox") DO UPDATE SET "uidValidity" = EXCLUDED."uidValidity", "lastUID" = EXCLUDED."lastUID",
              "refusedUID" = EXCLUDED."refusedUID", "refusals" = EXCLUDED."refusals"
            """, try .of(cursor.mailbox, cursor.uidValidity, cursor.lastUID, cursor.refusedUID, cursor.refusals))
    }

    func uidsLeftInFolder(_ folder: String, uidValidity: Int64) throws -> Set<Int64> {
        Set(try fetchAll(Int64.self, #"SELECT "uid" FROM "inbound" WHERE "folder" = $1 AND "uidValidity" = $2 AND "leftInFolder""#,
                         try .of(folder, uidValidity)))
    }

    /// A lock on the hash until the transaction ends: a second worker's pass that read the same
    /// bytes waits here, then finds them recorded (its snapshot may predate that commit; then the
    /// serializable write fails with 40001 and the engine runs it again).
    func claimFirstInbound(rawSHA256: String) throws -> InboundRecord? {
        try execute("SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", try .of("inbound:" + rawSHA256))
        return try fetchOne(InboundRecord.self, #"SELECT * FROM "inbound" WHERE "rawSHA256" = $1 ORDER BY "id" LIMIT 1"#, try .of(rawSHA256))
    }

    func insert(_ inbound: inout InboundRecord) throws {
        let columns = try PostgresRecordEncoder.encode(inbound, omittedWhenNil: ["id"])
        inbound.id = try fetchValue(Int64.self, Self.insertSQL("inbound", columns.names) + #" ON CONFLICT DO NOTHING RETURNING "id""#,
                                    columns.binds)
    }

    func deliveryID(messageID: String) throws -> Int64? {
        try fetchValue(Int64.self, #"SELECT "id" FROM "delivery" WHERE "messageID" = $1"#, try .of(messageID))
    }

    func answeredDelivery(id: Int64) throws -> AnsweredDelivery? {
        guard let delivery = try fetchOne(DeliveryRecord.self, #"SELECT * FROM "delivery" WHERE "id" = $1"#, try .of(id)) else { return nil }
        let dossier = try fetchValue(String.self, #"SELECT "dossier" FROM "document" WHERE "id" = $1"#, try .of(delivery.documentID))
        return AnsweredDelivery(delivery: delivery, dossier: dossier)
    }

    func sentAddresses(ofDelivery id: Int64) throws -> [String] {
        try fetchAll(String.self, #"SELECT "address" FROM "deliveryRecipient" WHERE "deliveryID" = $1 ORDER BY "id""#, try .of(id))
    }

    func markRecipientsBounced(_ addresses: [String], deliveryID: Int64) throws -> (changed: [String], stillDelivered: Bool) {
        let changed = try fetchAll(String.self, """
            UPDATE "deliveryRecipient" SET "state" = $3 WHERE "deliveryID" = $1 AND lower("address") = ANY($2) AND "state" <> $3
            RETURNING "address"
            """, try .of(deliveryID, addresses.map { $0.lowercased() }, DeliveryState.bounced))
        let delivered = try fetchValue(Bool.self, #"SELECT EXISTS (SELECT 1 FROM "deliveryRecipient" WHERE "deliveryID" = $1 AND "state" = $2)"#,
                                       try .of(deliveryID, DeliveryState.sent)) ?? false
        return (changed, delivered)
    }

    func markBounced(deliveryID: Int64, _ bounce: BounceFacts, at now: Date) throws {
        try execute("""
            UPDATE "delivery" SET "state" = $2, "bounceRecipient" = $3, "bounceStatus" = $4, "bounceReason" = $5,
              "bounceDiagnostic" = $6, "updatedAt" = $7
            WHERE "id" = $1 AND "state" <> $2
            """, try .of(deliveryID, DeliveryState.bounced, bounce.recipient, bounce.status, bounce.reason, bounce.diagnostic, now))
    }

    func markChallenged(deliveryID: Int64, at now: Date) throws -> Bool {
        try move(deliveryID, from: .sent, to: .challenged, at: now)
    }

    func markChallengeAnswered(deliveryID: Int64, at now: Date) throws {
        _ = try move(deliveryID, from: .challenged, to: .sent, at: now)
    }

    private func move(_ id: Int64, from: DeliveryState, to: DeliveryState, at now: Date) throws -> Bool {
        try execute(#"UPDATE "delivery" SET "state" = $3, "updatedAt" = $4 WHERE "id" = $1 AND "state" = $2"#,
                    try .of(id, from, to, now)) > 0
    }

    func inboxEntries(dossier name: String) throws -> [InboxEntry] {
        try fetchAll(InboxRow.self, """
            SELECT i.*, doc."id" AS "documentID", doc."number" AS "number" FROM "inbound" i
            JOIN "delivery" d ON d."id" = i."deliveryID" JOIN "document" doc ON doc."id" = d."documentID"
            WHERE doc."dossier" = $1 ORDER BY i."id" DESC
            """, try .of(name)).map(\.entry)
    }

    func unmatchedInboxEntries() throws -> [InboxEntry] {
        try fetchAll(InboxRow.self, """
            SELECT i.*, NULL::bigint AS "documentID", NULL::text AS "number" FROM "inbound" i
            WHERE i."deliveryID" IS NULL ORDER BY i."id" DESC
            """).map(\.entry)
    }
}

/// An inbound row with the document it concerns.
private struct InboxRow: Decodable {
    var entry: InboxEntry

    private enum Key: String, CodingKey { case documentID, number }

    init(from decoder: any Decoder) throws {
        let row = try decoder.container(keyedBy: Key.self)
        entry = InboxEntry(try InboundRecord(from: decoder), documentID: try row.decodeIfPresent(Int64.self, forKey: .documentID),
                           number: try row.decodeIfPresent(String.self, forKey: .number))
    }
}
