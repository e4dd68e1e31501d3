import GRDB

/// The database holds a value this version of LedgerMail does not know: written by a newer
/// version, or by hand. Said plainly instead of being read as some default.
struct UnknownStoredValue: Error, CustomStringConvertible {
    let type: String
    let value: String

    var description: String {
        "the database holds a \(type) '\(value)' that this version of LedgerMail does not know: is a newer version writing to it?"
    }

    static func decode<T: DatabaseValueConvertible>(_: T.Type, _ value: DatabaseValue) throws -> T {
        guard let decoded = T.fromDatabaseValue(value) else {
            throw UnknownStoredValue(type: "\(T.self)", value: "\(value)")
        }
        return decoded
    }
}
