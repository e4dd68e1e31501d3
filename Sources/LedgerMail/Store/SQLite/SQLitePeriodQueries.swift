import GRDB

extension SQLiteTransaction: PeriodQueries {
}
