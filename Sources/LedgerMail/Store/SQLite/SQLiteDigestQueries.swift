import GRDB

extension SQLiteTransaction: DigestQueries {
}
