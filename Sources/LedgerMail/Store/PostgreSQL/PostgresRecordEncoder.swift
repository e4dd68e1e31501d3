import Foundation
import PostgresNIO

/// A record's columns and their values, in the order of its properties: what an INSERT or an
/// UPDATE binds, so a record type is written by the same code for both engines.
struct PostgresRecordColumns {
    var names: [String] = []
    var binds = PostgresBindings()
}

/// Turns any `Encodable` record into `PostgresRecordColumns`: the driver's types as they are
/// (Date as timestamptz, Data as bytea), String-backed enums as their raw value, and nil as
/// NULL (the standard `encodeIfPresent` would leave the column out, so an UPDATE would keep
/// the old value).
enum PostgresRecordEncoder {
    /// `omittedWhenNil`: columns left out while nil (`id`, so the sequence gives one);
    /// `after`: binds already there (the rows before, in a multi-row INSERT).
    static func encode<T: Encodable>(_ record: T, omittedWhenNil: Set<String> = [], after binds: PostgresBindings = PostgresBindings()) throws -> PostgresRecordColumns {
        let encoder = RecordEncoder(omittedWhenNil: omittedWhenNil, binds: binds)
        try record.encode(to: encoder)
        return encoder.columns
    }

    /// One value as a bind: the driver's types directly, others (enums) through their own `Encodable`.
    static func bind<T: Encodable>(_ value: T, into binds: inout PostgresBindings) throws {
        if let native = value as? any PostgresThrowingDynamicTypeEncodable {
            func append<E: PostgresThrowingDynamicTypeEncodable>(_ value: E) throws { try binds.append(value) }
            return try append(native)
        }
        let capture = ValueCapture()
        try value.encode(to: capture)
        guard let captured = capture.value else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "\(T.self) gave no single value to store"))
        }
        switch captured {
        case .some(let inner): try bind(inner, into: &binds)
        case .none: binds.appendNull()
        }
    }
}

private final class RecordEncoder: Encoder {
    var columns = PostgresRecordColumns()
    let omittedWhenNil: Set<String>
    init(omittedWhenNil: Set<String>, binds: PostgresBindings) {
        self.omittedWhenNil = omittedWhenNil
        columns.binds = binds
    }
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(ColumnsContainer<Key>(encoder: self))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("a record is stored as columns, not as a list") }
    func singleValueContainer() -> any SingleValueEncodingContainer { preconditionFailure("a record is stored as columns, not as one value") }
}

private struct ColumnsContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: RecordEncoder
    var codingPath: [any CodingKey] { [] }

    mutating func encodeNil(forKey key: Key) throws {
        guard !encoder.omittedWhenNil.contains(key.stringValue) else { return }
        encoder.columns.names.append(key.stringValue)
        encoder.columns.binds.appendNull()
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws { try put(value, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try putOptional(value, key) }
    // The protocol asks for each primitive by name; all of them are written alike.
    mutating func encode(_ value: Bool, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(value, key) }
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try putOptional(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try putOptional(value, key) }

    private func put<T: Encodable>(_ value: T, _ key: Key) throws {
        try PostgresRecordEncoder.bind(value, into: &encoder.columns.binds)
        encoder.columns.names.append(key.stringValue)
    }
    private mutating func putOptional<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try put(value, key) } else { try encodeNil(forKey: key) }
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        preconditionFailure("column \(key.stringValue): a record's property must be a single value")
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        preconditionFailure("column \(key.stringValue): a record's property must be a single value")
    }
    mutating func superEncoder() -> any Encoder { encoder }
    mutating func superEncoder(forKey key: Key) -> any Encoder { encoder }
}

/// What a type that encodes itself as one value (a String-backed enum) gave.
private final class ValueCapture: Encoder, SingleValueEncodingContainer {
    /// nil: nothing yet; .some(nil): NULL.
    var value: (any Encodable)??
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        preconditionFailure("a column holds one value, not a record")
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { preconditionFailure("a column holds one value, not a list") }
    func singleValueContainer() -> any SingleValueEncodingContainer { self }

    func encodeNil() throws { value = .some(nil) }
    func encode<T: Encodable>(_ value: T) throws { self.value = .some(value) }
    func encode(_ value: Bool) throws { try capture(value) }
    func encode(_ value: String) throws { try capture(value) }
    func encode(_ value: Double) throws { try capture(value) }
    func encode(_ value: Float) throws { try capture(value) }
    func encode(_ value: Int) throws { try capture(value) }
    func encode(_ value: Int8) throws { try capture(value) }
    func encode(_ value: Int16) throws { try capture(value) }
    func encode(_ value: Int32) throws { try capture(value) }
    func encode(_ value: Int64) throws { try capture(value) }
    func encode(_ value: UInt) throws { try capture(value) }
    func encode(_ value: UInt8) throws { try capture(value) }
    func encode(_ value: UInt16) throws { try capture(value) }
    func encode(_ value: UInt32) throws { try capture(value) }
    func encode(_ value: UInt64) throws { try capture(value) }

    /// A primitive the driver does not store (UInt…) is refused rather than guessed at.
    private func capture<T: Encodable>(_ value: T) throws {
        guard value is any PostgresThrowingDynamicTypeEncodable else {
            throw EncodingError.invalidValue(value, .init(codingPath: [], debugDescription: "PostgreSQL has no column type for \(T.self)"))
        }
        self.value = .some(value)
    }
}

extension PostgresBindings {
    /// Binds for `$1, $2…` from plain values: the driver's types, String-backed enums by raw
    /// value, nil as NULL. `try .of(dossier, DeliveryState.scheduled, nil)`.
    static func of(_ values: (any Encodable)?...) throws -> PostgresBindings {
        var binds = PostgresBindings(capacity: values.count)
        for value in values {
            if let value { try PostgresRecordEncoder.bind(value, into: &binds) } else { binds.appendNull() }
        }
        return binds
    }
}
