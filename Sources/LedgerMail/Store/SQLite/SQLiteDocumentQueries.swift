import GRDB

extension SQLiteTransaction: DocumentQueries {
}
