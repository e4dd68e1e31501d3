import GRDB

extension SQLiteTransaction: DossierQueries {
}
