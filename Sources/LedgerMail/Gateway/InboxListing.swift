import Foundation
import GRDB

/// One message of the gateway's inbox as `ledgermail inbox` lists it.
public struct InboxEntry: Sendable, Encodable {
    public var id: Int64
    public var kind: String
    public var receivedAt: Date
    @NullWhenAbsent public var from: String?
    @NullWhenAbsent public var subject: String?
    public var summary: String
    /// The document it concerns, when it matched one.
    @NullWhenAbsent public var documentID: Int64?
    @NullWhenAbsent public var number: String?
    /// True when a valid VERP token tied it to its delivery (only then did it change a state).
    public var verified: Bool
    /// Why it was not trusted, for the text view (not in the JSON).
    public var unverifiedBecause: String?

    enum CodingKeys: String, CodingKey {
        case id, kind, receivedAt = "received_at", from, subject, summary, documentID = "document_id", number, verified
    }

}

extension Gateway {
    /// What came back for a dossier's documents, newest first; with `unmatched`, the mail that
    /// matched no delivery at all (any dossier's).
    public func inbox(dossier name: String, unmatched: Bool) throws -> [InboxEntry] {
        try database.read { db in
            _ = try requireDossier(name, db)
            let sql = unmatched
                ? "SELECT inbound.*, NULL AS documentID, NULL AS number FROM inbound WHERE deliveryID IS NULL ORDER BY inbound.id DESC"
                : """
                  SELECT inbound.*, document.id AS documentID, document.number AS number FROM inbound
                  JOIN delivery ON delivery.id = inbound.deliveryID JOIN document ON document.id = delivery.documentID
                  WHERE document.dossier = ? ORDER BY inbound.id DESC
                  """
            return try Row.fetchAll(db, sql: sql, arguments: unmatched ? [] : [name]).map { row in
                InboxEntry(id: row["id"], kind: row["kind"], receivedAt: row["receivedAt"], from: row["fromAddress"],
                           subject: row["subject"], summary: row["summary"], documentID: row["documentID"],
                           number: row["number"], verified: row["verpValid"],
                           unverifiedBecause: (row["trust"] as InboundTrust?).flatMap { $0.isVerified ? nil : $0.explanation })
            }
        }
    }
}
