import Foundation

extension PostgresEngine {
    /// The secret `name`, made by `make` the first time any worker asks, then the same for all:
    /// the first INSERT wins, every other one does nothing and reads the winner's back.
    func secret(named name: String, makeWith make: () -> Data) throws -> Data {
        try write(isolation: .readCommitted) { transaction in
            try transaction.execute(#"INSERT INTO "secret" ("name", "value") VALUES ($1, $2) ON CONFLICT ("name") DO NOTHING"#,
                                    try .of(name, make()))
            guard let value = try transaction.fetchValue(Data.self, #"SELECT "value" FROM "secret" WHERE "name" = $1"#, try .of(name)) else {
                throw DatabaseRowMismatch(description: "the secret '\(name)' was stored but cannot be read back")
            }
            return value
        }
    }

    /// The key VERP tokens are signed with (what `verp.key` is to an SQLite install).
    func verpKey() throws -> Data { try secret(named: "verp", makeWith: VERPSigner.newKey) }
}
