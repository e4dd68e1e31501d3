import GRDB

extension SQLiteTransaction: AccountQueries {
}
