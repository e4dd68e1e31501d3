import Foundation
import GRDB

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

extension Gateway {
    /// The items of `dossier`'s feed after `cursor` (0: from the start), at most `limit`.
    public func feed(dossier: String, after cursor: Int64, limit: Int) throws -> [FeedEntry] {
        try database.read { db in
            try DeliveryRecord.feed(dossier: dossier, after: cursor, limit: limit, db).map { delivery, document in
                FeedEntry(cursor: delivery.id!, documentID: document.id!, number: document.number,
                          kind: (document.kind ?? delivery.routeKind)?.rawValue ?? "", version: document.version,
                          issueDate: document.issueDate, counterparty: document.counterparty,
                          supersedes: try DocumentRecord.replaced(by: document.id!).fetchOne(db)?.id,
                          files: try document.files.map { FeedFile(file: $0, size: try blobs.size(of: $0.sha256)) })
            }
        }
    }

    /// A file of a document that is in `dossier`'s feed; nil when there is no such file there.
    public func feedFile(dossier: String, documentID: Int64, name: String) throws -> DocumentFile? {
        try database.read { db in
            try DocumentRecord.inFeed(id: documentID, dossier: dossier, db).flatMap { $0.files.first { $0.name == name } }
        }
    }

    /// Records that the accountant's software has the document: its published delivery becomes
    /// `collected`. Again for a collected one changes nothing and answers the first time's record.
    public func collect(dossier: String, documentID: Int64, by account: String) throws -> Acknowledgement {
        let now = clock()
        return try database.write { db in try Self.collect(dossier: dossier, documentID: documentID, by: account, at: now, db) }
    }

    static func collect(dossier: String, documentID: Int64, by account: String, at now: Date, _ db: Database) throws -> Acknowledgement {
        guard let document = try DocumentRecord.fetchOne(db, key: documentID), document.dossier == dossier else {
            throw AckRefusal.noSuchDocument
        }
        guard var delivery = try DeliveryRecord.latest(of: documentID).fetchOne(db) else { throw AckRefusal.notPulled(state: .held) }
        let state = delivery.state
        switch state {
        case .collected:
            return Acknowledgement(at: delivery.collectedAt ?? delivery.updatedAt, by: delivery.collectedBy ?? account)
        case .published:
            delivery.state = .collected
            delivery.collectedAt = now
            delivery.collectedBy = account
            delivery.updatedAt = now
            try delivery.update(db)
            // As stored (the database keeps milliseconds), so a later ack answers the same.
            let stored = try DeliveryRecord.fetchOne(db, key: delivery.id!)
            return Acknowledgement(at: stored?.collectedAt ?? now, by: account)
        default:
            throw AckRefusal.notPulled(state: state)
        }
    }
}
