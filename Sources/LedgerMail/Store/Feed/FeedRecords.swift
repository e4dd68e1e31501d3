import Foundation
import GRDB

/// A bearer token of the documents feed. Only its SHA-256 is kept: a copy of the database
/// opens nothing. `dossiers` narrows the owner's linked dossiers (empty: all of them).
struct APITokenRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "apiToken"
    var id: Int64?
    var tokenHash: String
    var account: String
    /// Comma separated; empty for every dossier linked to the account.
    var dossiers: String
    var createdAt: Date
    var revokedAt: Date?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum Columns {
        static let tokenHash = Column(CodingKeys.tokenHash)
        static let account = Column(CodingKeys.account)
    }
}

extension DeliveryRecord {
    /// The feed of a dossier: every delivery published on a pull route (collected or not),
    /// in the order they were made, after `cursor`.
    static func feed(dossier: String, after cursor: Int64, limit: Int, _ db: Database) throws -> [(DeliveryRecord, DocumentRecord)] {
        let pulled = [DeliveryState.published, .collected]
        let documentsOfDossier = DocumentRecord.filter(Column("dossier") == dossier).select(Column("id"))
        let deliveries = try DeliveryRecord
            .filter(Column("id") > cursor && pulled.contains(Column("state")) && documentsOfDossier.contains(Column("documentID")))
            .order(Column("id")).limit(limit).fetchAll(db)
        let documents = try DocumentRecord.fetchAll(db, keys: Set(deliveries.map(\.documentID)))
        let byID = Dictionary(uniqueKeysWithValues: documents.map { ($0.id!, $0) })
        return deliveries.compactMap { delivery in byID[delivery.documentID].map { (delivery, $0) } }
    }

    /// A document's latest delivery, which gives its state.
    static func latest(of documentID: Int64) -> QueryInterfaceRequest<DeliveryRecord> {
        filter(Column("documentID") == documentID).order(Column("id").desc).limit(1)
    }
}

extension DocumentRecord {
    /// The version a document replaced, if any.
    static func replaced(by documentID: Int64) -> QueryInterfaceRequest<DocumentRecord> {
        filter(Column("supersededBy") == documentID)
    }
}

extension Migrations {
    static func registerFeed(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("feed: pull routes, collected deliveries, API tokens") { db in
            try db.alter(table: "route") { t in
                t.add(column: "pull", .boolean).notNull().defaults(to: false)
            }
            try db.alter(table: "delivery") { t in
                t.add(column: "collectedAt", .datetime)
                t.add(column: "collectedBy", .text)
            }
            try db.create(table: "apiToken") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("tokenHash", .text).notNull().unique()
                t.column("account", .text).notNull().references("account", onDelete: .cascade)
                t.column("dossiers", .text).notNull()
                t.column("createdAt", .datetime).notNull()
                t.column("revokedAt", .datetime)
            }
        }
    }
}
