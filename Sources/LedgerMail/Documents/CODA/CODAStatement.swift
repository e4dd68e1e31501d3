import Foundation

/// A Belgian CODA bank statement (Febelfin "Coded statement of account",
/// version 2.x), recognised by its structure: records of exactly 128
/// characters, a '0' header first, a '1' old balance, an '8' new balance and
/// a '9' trailer last. Only a few fields are read, leniently: a field that
/// does not parse is nil, it never refuses the file.
///
/// Positions below are 1-based, as in the Febelfin specification.
struct CODAStatement: Sendable, Equatable {
    /// Record 1, positions 6–42 read by the account structure (position 2):
    /// a Belgian number, a foreign number or an IBAN, without padding.
    public var accountNumber: String?
    /// Record 1, positions 40–42 (19–21 for a Belgian account number).
    public var currency: String?
    /// Record 1, positions 3–5: the statement's sequence number.
    public var statementSequenceNumber: Int?
    /// Record 0, positions 6–11 (DDMMYY), as "YYYY-MM-DD".
    public var creationDate: String?
    /// Every '2' record (2.1, 2.2 and 2.3 parts of the movements).
    public var movementRecordCount: Int
    /// The '2' records with article code 1 (position 2): one per movement.
    public var movementCount: Int

    public static let recordLength = 128

    public static func recognise(_ data: Data) -> CODAStatement? {
        // Cheap refusal first: PDFs and UBL files never start with '0'.
        guard data.first == UInt8(ascii: "0"), let records = records(in: data),
              records.first?.first == UInt8(ascii: "0"),
              records.last?.first == UInt8(ascii: "9"),
              records.contains(where: { $0.first == UInt8(ascii: "8") }),
              let balance = records.first(where: { $0.first == UInt8(ascii: "1") }),
              records.allSatisfy({ $0.first.map(knownRecordTypes.contains) ?? false })
        else { return nil }
        let movements = records.filter { $0.first == UInt8(ascii: "2") }
        let account = Self.account(in: balance)
        return CODAStatement(
            accountNumber: account.number,
            currency: account.currency,
            statementSequenceNumber: field(balance, 3...5).flatMap { Int($0) },
            creationDate: date(field(records[0], 6...11)),
            movementRecordCount: movements.count,
            movementCount: movements.filter { $0.dropFirst().first == UInt8(ascii: "1") }.count
        )
    }

    /// 0 header, 1 old balance, 2 movement, 3 information, 4 free
    /// communication, 8 new balance, 9 trailer.
    private static let knownRecordTypes = Set("0123489".utf8)

    /// The records, or nil when any line is not exactly 128 bytes. CRLF or
    /// LF line ends, with or without a final one. Bytes, not characters:
    /// CODA is written in Latin-1 by many banks.
    private static func records(in data: Data) -> [[UInt8]]? {
        var lines = Array(data).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        if lines.last?.isEmpty == true { lines.removeLast() }
        var records: [[UInt8]] = []
        records.reserveCapacity(lines.count)
        for line in lines {
            let record = line.last == UInt8(ascii: "\r") ? line.dropLast() : line
            guard record.count == recordLength else { return nil }
            records.append(Array(record))
        }
        return records.isEmpty ? nil : records
    }

    /// The field at 1-based positions, trimmed; nil when blank.
    private static func field(_ record: [UInt8], _ positions: ClosedRange<Int>) -> String? {
        let bytes = record[(positions.lowerBound - 1)..<positions.upperBound]
        return nonEmpty(String(decoding: bytes, as: UTF8.self))
    }

    /// Record 1, position 2 gives the account structure:
    /// 0 Belgian account number (6–17, currency 19–21),
    /// 1 foreign account number (6–39), 2 Belgian IBAN (6–36),
    /// 3 foreign IBAN (6–39); currency 40–42 for those three.
    private static func account(in record: [UInt8]) -> (number: String?, currency: String?) {
        switch record[1] {
        case UInt8(ascii: "0"): (field(record, 6...17), field(record, 19...21))
        case UInt8(ascii: "1"), UInt8(ascii: "3"): (field(record, 6...39), field(record, 40...42))
        case UInt8(ascii: "2"): (field(record, 6...36), field(record, 40...42))
        default: (nil, nil)
        }
    }

    /// "DDMMYY" → "YYYY-MM-DD". CODA dates have two-digit years; the format
    /// dates from the 1990s, so 90–99 are read as 19xx.
    private static func date(_ text: String?) -> String? {
        guard let text, text.count == 6, text.allSatisfy(\.isASCIIDigit) else { return nil }
        let digits = Array(text)
        guard let day = Int(String(digits[0...1])), let month = Int(String(digits[2...3])),
              let year = Int(String(digits[4...5])),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        let century = year >= 90 ? 1900 : 2000
        return "\(century + year)-\(String(digits[2...3]))-\(String(digits[0...1]))"
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: year % 4 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}
