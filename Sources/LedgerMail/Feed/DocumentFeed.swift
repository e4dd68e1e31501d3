import Foundation

/// One item of a dossier's documents feed: a document published on a pull route.
public struct FeedEntry: Sendable, Equatable {
    /// Where the feed stands after this item (its delivery's id).
    public var cursor: Int64
    public var documentID: Int64
    public var number: String
    public var kind: String
    public var version: Int
    public var issueDate: String?
    public var counterparty: String?
    /// The version it replaces, if any.
    public var supersedes: Int64?
    public var files: [FeedFile]
}

public struct FeedFile: Sendable, Equatable {
    public var file: DocumentFile
    public var size: Int64
}

/// Why an acknowledgement was refused.
public enum AckRefusal: Error, Sendable, Equatable {
    /// The dossier has no such document.
    case noSuchDocument
    /// The document is not waiting on a pull route (it is mailed, or held).
    case notPulled(state: DeliveryState)
}

/// The acknowledgement recorded for a document (now or by an earlier ack).
public struct Acknowledgement: Sendable, Equatable {
    public var at: Date
    public var by: String
}

/// One acknowledgement asked of the feed.
struct AckRequest: Sendable {
    var dossier: String
    var documentID: Int64
    var account: String
}

/// The documents feed of the pull routes (`/api/v1`): its items, their files, and the
/// acknowledgements that make them collected.
public struct DocumentFeed: Sendable {
    let services: GatewayServices

    /// The items of `dossier`'s feed after `cursor` (0: from the start), at most `limit`.
    public func items(dossier: String, after cursor: Int64, limit: Int) throws -> [FeedEntry] {
        try services.store.read { tx in try tx.feed(dossier: dossier, after: cursor, limit: limit) }.map { row in
            let document = row.document
            return FeedEntry(cursor: row.delivery.id!, documentID: document.id!, number: document.number,
                             kind: (document.kind ?? row.delivery.routeKind)?.rawValue ?? "", version: document.version,
                             issueDate: document.issueDate, counterparty: document.counterparty, supersedes: row.supersedes,
                             files: try document.files.map { FeedFile(file: $0, size: try services.blobs.size(of: $0.sha256)) })
        }
    }

    /// A file of a document that is in `dossier`'s feed; nil when there is no such file there.
    public func file(dossier: String, documentID: Int64, name: String) throws -> DocumentFile? {
        try services.store.read { tx in
            try tx.documentInFeed(id: documentID, dossier: dossier).flatMap { $0.files.first { $0.name == name } }
        }
    }

    /// Records that the accountant's software has the document: its published delivery becomes
    /// `collected`. Again for a collected one changes nothing and answers the first time's record.
    public func collect(dossier: String, documentID: Int64, by account: String) throws -> Acknowledgement {
        let now = services.clock()
        return try services.store.write { tx in try Self.collect(dossier: dossier, documentID: documentID, by: account, at: now, tx) }
    }

    /// Several acknowledgements in one transaction (one turn at the writer, one commit); each
    /// in its own savepoint, so a refused one changes nothing and leaves the others as they
    /// are. A database error fails them all.
    func collect(_ requests: [AckRequest]) throws -> [Result<Acknowledgement, any Error>] {
        let now = services.clock()
        return try services.store.write { tx in
            try requests.map { request in
                do {
                    return .success(try tx.savepoint {
                        try Self.collect(dossier: request.dossier, documentID: request.documentID, by: request.account, at: now, tx)
                    })
                } catch let refusal as AckRefusal {
                    return .failure(refusal)
                }
            }
        }
    }

    /// One acknowledgement, in the caller's transaction.
    static func collect(dossier: String, documentID: Int64, by account: String, at now: Date,
                        _ tx: any StoreTransaction) throws -> Acknowledgement {
        guard let document = try tx.document(id: documentID), document.dossier == dossier else {
            throw AckRefusal.noSuchDocument
        }
        guard let delivery = try tx.latestDelivery(ofDocument: documentID) else { throw AckRefusal.notPulled(state: .held) }
        let state = delivery.state
        switch state {
        case .collected:
            return Acknowledgement(at: delivery.collectedAt ?? delivery.updatedAt, by: delivery.collectedBy ?? account)
        case .published:
            // As stored (the database keeps milliseconds), so a later ack answers the same.
            return Acknowledgement(at: try tx.collect(deliveryID: delivery.id!, at: now, by: account), by: account)
        default:
            throw AckRefusal.notPulled(state: state)
        }
    }
}
