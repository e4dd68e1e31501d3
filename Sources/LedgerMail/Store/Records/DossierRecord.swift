import Foundation
import GRDB

/// A small business whose documents go to its accountant. Column names are the property names.
struct DossierRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "dossier"
    var name: String
    var company: String
    var enterpriseNumber: String
    var language: Language
    var dispatch: DispatchPolicy
    var fromName: String?
    var fromAddress: String
    var accountant: String
    var timeZone: String
    var createdAt: Date
    /// Set when the dossier was archived: its documents and history stay, read-only.
    var archivedAt: Date?
    /// Where the digest of trouble goes; none while unset.
    var ownerEmail: String? = nil

    enum Columns {
        static let name = Column(CodingKeys.name)
        static let archivedAt = Column(CodingKeys.archivedAt)
        static let ownerEmail = Column(CodingKeys.ownerEmail)
    }
}
