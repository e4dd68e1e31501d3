import Foundation
import GRDB

/// Where one kind of a dossier's documents goes.
struct RouteRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "route"
    var dossier: String
    var kind: DocumentKind
    /// The addresses, comma separated (an address never contains a comma: `EmailAddress`).
    var addresses: String
    var attach: AttachPolicy
    var dispatch: DispatchPolicy?
    var maxSize: Int?
    /// Pulled through the documents feed instead of mailed (`addresses` is then empty).
    var pull: Bool = false

    enum Columns {
        static let dossier = Column(CodingKeys.dossier)
        static let kind = Column(CodingKeys.kind)
        static let pull = Column(CodingKeys.pull)
    }
}
