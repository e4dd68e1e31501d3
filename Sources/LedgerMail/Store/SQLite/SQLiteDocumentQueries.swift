import Foundation
import GRDB

extension SQLiteTransaction: DocumentQueries {
    func document(id: Int64) throws -> DocumentRecord? { try DocumentRecord.fetchOne(db, key: id) }
    func update(_ document: DocumentRecord) throws { try document.update(db) }
}
