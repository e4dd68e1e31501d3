import Foundation
import PostgresNIO

/// Reads any `Decodable` record (the structs of Records.swift) from a row, by column name: the
/// driver's own types for each property (text, bigint, boolean, float8, timestamptz, bytea,
/// NULL for optionals), and String-backed enums through their raw value.
enum PostgresRowDecoder {
    static func decode<T: Decodable>(_ type: T.Type, from row: PostgresRow) throws -> T {
        let row = row.makeRandomAccess()
        // A single value (`SELECT count(*)`, a column of ids) is the row's first column.
        if row.count > 0, let value = try native(type, row[0]) { return value }
        do { return try T(from: RowDecoder(row: row)) } catch let error as DecodingError {
            throw DatabaseRowMismatch(description: "a row could not be read as \(T.self): \(explain(error))")
        }
    }

    /// One cell as `T`: the driver decodes what it knows (Date from timestamptz, Data from
    /// bytea), everything else (enums) goes through `T`'s own `Decodable`.
    static func decodeValue<T: Decodable>(_ type: T.Type, from cell: PostgresCell) throws -> T {
        if let value = try native(type, cell) { return value }
        do { return try T(from: CellDecoder(cell: cell)) } catch DecodingError.dataCorrupted {
            // An enum case this version does not know: said as such, not as a decoding failure.
            let text = (try? cell.decode(String.self)) ?? "?"
            throw UnknownStoredValue(type: "\(T.self)", value: text)
        }
    }

    /// `T` decoded by the driver when it is one of its types; nil when it is not.
    static func native<T>(_ type: T.Type, _ cell: PostgresCell) throws -> T? {
        guard let driverType = T.self as? any PostgresDecodable.Type else { return nil }
        func open<D: PostgresDecodable>(_: D.Type) throws -> D { try cell.decode(D.self) }
        do { return try open(driverType) as? T } catch let error as PostgresDecodingError {
            throw DatabaseRowMismatch(description: "column '\(cell.columnName)' (\(cell.dataType)) cannot be read as \(T.self) (\(error.code))")
        }
    }

    private static func explain(_ error: DecodingError) -> String {
        switch error {
        case .keyNotFound(let key, _): "the query gives no column '\(key.stringValue)'"
        case .typeMismatch(let type, let context): "\(context.codingPath.map(\.stringValue).joined(separator: ".")) is not a \(type)"
        case .valueNotFound(let type, let context): "\(context.codingPath.map(\.stringValue).joined(separator: ".")) is NULL, \(type) expected"
        case .dataCorrupted(let context): context.debugDescription
        @unknown default: "\(error)"
        }
    }
}

/// A row as a keyed container (a record), or as its first column (a single value).
private struct RowDecoder: Decoder {
    let row: PostgresRandomAccessRow
    var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(RowContainer<Key>(row: row))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: codingPath, debugDescription: "a row is not a list"))
    }
    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        guard row.count > 0 else {
            throw DecodingError.valueNotFound(Any.self, .init(codingPath: codingPath, debugDescription: "the query gives no column"))
        }
        return CellDecoder(cell: row[0])
    }
}

private struct RowContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let row: PostgresRandomAccessRow
    var codingPath: [any CodingKey] { [] }
    var allKeys: [Key] { row.compactMap { Key(stringValue: $0.columnName) } }

    func contains(_ key: Key) -> Bool { row.contains(key.stringValue) }

    private func cell(_ key: Key) throws -> PostgresCell {
        guard row.contains(key.stringValue) else {
            throw DecodingError.keyNotFound(key, .init(codingPath: [key], debugDescription: "no column \(key.stringValue)"))
        }
        return row[key.stringValue]
    }

    func decodeNil(forKey key: Key) throws -> Bool { try cell(key).bytes == nil }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try decode(type, key) }
    // The protocol asks for each primitive by name; all of them are read alike.
    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try decode(type as Bool.Type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try decode(type as String.Type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try decode(type as Double.Type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try decode(type as Float.Type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try decode(type as Int.Type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try decode(type as Int8.Type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try decode(type as Int16.Type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try decode(type as Int32.Type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try decode(type as Int64.Type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try decode(type as UInt.Type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try decode(type as UInt8.Type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try decode(type as UInt16.Type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try decode(type as UInt32.Type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try decode(type as UInt64.Type, key) }

    private func decode<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        let cell = try cell(key)
        guard cell.bytes != nil || T.self is any ExpressibleByNilLiteral.Type else {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: [key], debugDescription: "NULL"))
        }
        return try PostgresRowDecoder.decodeValue(type, from: cell)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        throw DecodingError.typeMismatch(type, .init(codingPath: [key], debugDescription: "a column holds no nested record"))
    }
    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [key], debugDescription: "a column holds no list"))
    }
    func superDecoder() throws -> any Decoder { RowDecoder(row: row) }
    func superDecoder(forKey key: Key) throws -> any Decoder { CellDecoder(cell: try cell(key)) }
}

/// One cell, for a type that decodes itself from a single value (a String-backed enum).
private struct CellDecoder: Decoder, SingleValueDecodingContainer {
    let cell: PostgresCell
    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "column \(cell.columnName) holds no record"))
    }
    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        throw DecodingError.typeMismatch([Any].self, .init(codingPath: [], debugDescription: "column \(cell.columnName) holds no list"))
    }
    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func decodeNil() -> Bool { cell.bytes == nil }
    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if let value = try PostgresRowDecoder.native(type, cell) { return value }
        return try T(from: self)
    }
    func decode(_ type: Bool.Type) throws -> Bool { try primitive(type) }
    func decode(_ type: String.Type) throws -> String { try primitive(type) }
    func decode(_ type: Double.Type) throws -> Double { try primitive(type) }
    func decode(_ type: Float.Type) throws -> Float { try primitive(type) }
    func decode(_ type: Int.Type) throws -> Int { try primitive(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try primitive(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try primitive(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try primitive(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try primitive(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try primitive(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try primitive(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try primitive(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try primitive(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try primitive(type) }

    /// A primitive the driver does not read (UInt8…) is not guessed at.
    private func primitive<T>(_ type: T.Type) throws -> T {
        guard let value = try PostgresRowDecoder.native(type, cell) else {
            throw DecodingError.typeMismatch(type, .init(codingPath: [], debugDescription: "column \(cell.columnName) is \(cell.dataType)"))
        }
        return value
    }
}
