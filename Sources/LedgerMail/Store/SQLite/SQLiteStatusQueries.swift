import GRDB

extension SQLiteTransaction: StatusQueries {
}
