import GRDB

extension SQLiteTransaction: FeedQueries {
}
