import GRDB

extension SQLiteTransaction: DeliveryQueries {
}
