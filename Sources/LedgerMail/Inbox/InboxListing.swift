import Foundation

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

extension InboxEntry {
    init(_ record: InboundRecord, documentID: Int64?, number: String?) {
        self.init(id: record.id ?? 0, kind: record.kind.rawValue, receivedAt: record.receivedAt, from: record.fromAddress,
                  subject: record.subject, summary: record.summary, documentID: documentID, number: number,
                  verified: record.verpValid, unverifiedBecause: record.unverifiedBecause)
    }
}

/// `ledgermail inbox`: what came back, as recorded.
public struct InboxListing: Sendable {
    let services: GatewayServices

    /// What came back for a dossier's documents, newest first; with `unmatched`, the mail that
    /// matched no delivery at all (any dossier's).
    public func entries(dossier name: String, unmatched: Bool) throws -> [InboxEntry] {
        try services.store.read { tx in
            _ = try tx.requireDossier(name)
            return try unmatched ? tx.unmatchedInboxEntries() : tx.inboxEntries(dossier: name)
        }
    }
}
