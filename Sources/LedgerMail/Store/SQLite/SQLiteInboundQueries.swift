import GRDB

extension SQLiteTransaction: InboundQueries {
}
