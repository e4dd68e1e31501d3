import LedgerMail

// The Swift types of openapi.yaml's `TextOrNull` and `IDOrNull` (typeOverrides in
// openapi-generator-config.yaml). The generated Codable would leave a nil out, where the
// spec promises the key with `null`: these write it. A generated property of either type is
// still an optional (the schema is nullable); a handler always fills it.
typealias NullOrText = NullWhenAbsent<String>
typealias NullOrID = NullWhenAbsent<Int64>
