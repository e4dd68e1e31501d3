import Foundation
import GRDB

/// One acknowledgement asked of the feed.
struct AckRequest: Sendable {
    var dossier: String
    var documentID: Int64
    var account: String
}

extension Gateway {
    /// Several acknowledgements in one transaction (one turn at the writer, one commit); each
    /// in its own savepoint, so a refused one changes nothing and leaves the others as they
    /// are. A database error fails them all.
    func collect(_ requests: [AckRequest]) throws -> [Result<Acknowledgement, any Error>] {
        let now = clock()
        return try database.write { db in
            try requests.map { request in
                var result: Result<Acknowledgement, any Error> = .failure(AckRefusal.noSuchDocument)
                try db.inSavepoint {
                    do {
                        result = .success(try Self.collect(dossier: request.dossier, documentID: request.documentID,
                                                           by: request.account, at: now, db))
                        return .commit
                    } catch let refusal as AckRefusal {
                        result = .failure(refusal)
                        return .rollback
                    }
                }
                return result
            }
        }
    }
}
