import GRDB

// The queries the feed API runs on every request (a caller per request, a document per file
// downloaded), as cached statements: SQLite and GRDB then prepare each once per connection,
// where the query interface builds and prepares its SQL anew each time.

extension APITokenRecord {
    /// The caller a live token (by its hash) stands for: its account and the dossiers it may
    /// see (linked to the account, narrowed by the token), in one statement. Nil for an unknown
    /// or revoked token.
    static func caller(hash: String, _ db: Database) throws -> FeedCaller? {
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT apiToken.account, apiToken.dossiers, accountDossier.dossier FROM apiToken
            LEFT JOIN accountDossier ON accountDossier.account = apiToken.account
            WHERE apiToken.tokenHash = ? AND apiToken.revokedAt IS NULL
            ORDER BY accountDossier.dossier
            """), arguments: [hash])
        guard let first = rows.first else { return nil }
        let linked = rows.compactMap { $0[2] as String? }
        let narrowed = (first[1] as String).split(separator: ",").map(String.init)
        return FeedCaller(account: first[0], dossiers: narrowed.isEmpty ? linked : linked.filter(narrowed.contains))
    }
}

extension DocumentRecord {
    /// A document of `dossier` that is in its feed (a delivery published or collected).
    static func inFeed(id: Int64, dossier: String, _ db: Database) throws -> DocumentRecord? {
        try DocumentRecord.fetchOne(db.cachedStatement(sql: """
            SELECT * FROM document WHERE id = ? AND dossier = ?
            AND EXISTS (SELECT 1 FROM delivery WHERE delivery.documentID = document.id AND delivery.state IN (?, ?))
            """), arguments: [id, dossier, DeliveryState.published, DeliveryState.collected])
    }
}
