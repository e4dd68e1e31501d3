@testable import LedgerMail
import Foundation
import Testing

@Suite("CODA statement recognition")
struct CODAStatementTests {
    static let fixture: Data = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Fixtures/coda-statement.cod")
        return (try? Data(contentsOf: url)) ?? Data()
    }()

    /// The fixture's records without line ends.
    static var records: [String] {
        String(decoding: fixture, as: UTF8.self).components(separatedBy: "\r\n").filter { !$0.isEmpty }
    }

    static func file(_ records: [String], separator: String = "\r\n", finalNewline: Bool = true) -> Data {
        Data((records.joined(separator: separator) + (finalNewline ? separator : "")).utf8)
    }

    static let expected = CODAStatement(
        accountNumber: "BE68539007547034", currency: "EUR", statementSequenceNumber: 42,
        creationDate: "2025-03-15", movementRecordCount: 5, movementCount: 2
    )

    @Test("the fixture: account, sequence, creation date, movements")
    func fixtureFields() throws {
        #expect(Self.records.count == 11)
        #expect(Self.records.allSatisfy { $0.utf8.count == 128 })
        #expect(CODAStatement.recognise(Self.fixture) == Self.expected)
    }

    @Test("LF or CRLF, with or without a final line end")
    func lineEnds() {
        for separator in ["\r\n", "\n"] {
            for finalNewline in [true, false] {
                let data = Self.file(Self.records, separator: separator, finalNewline: finalNewline)
                #expect(CODAStatement.recognise(data) == Self.expected, "separator \(separator.debugDescription), final \(finalNewline)")
            }
        }
    }

    @Test("a Belgian account number (structure 0) and a bad date still recognise")
    func lenientFields() throws {
        var records = Self.records
        // Record 1 with account structure 0: number at 6-17, currency at 19-21.
        var balance = Array(records[1])
        balance[1] = "0"
        let account = Array("539007547034 EUR" + String(repeating: " ", count: 21))
        balance.replaceSubrange(5..<42, with: account)
        records[1] = String(balance)
        // Creation date 32/03/25 does not exist.
        records[0] = records[0].replacingCharacters(in: records[0].index(records[0].startIndex, offsetBy: 5)..<records[0].index(records[0].startIndex, offsetBy: 11), with: "320325")
        let statement = try #require(CODAStatement.recognise(Self.file(records)))
        #expect(statement.accountNumber == "539007547034")
        #expect(statement.currency == "EUR")
        #expect(statement.creationDate == nil)
        #expect(statement.movementCount == 2)
    }

    @Test("127-character records are not CODA")
    func shortRecords() {
        #expect(CODAStatement.recognise(Self.file(Self.records.map { String($0.dropLast()) })) == nil)
        var oneLong = Self.records
        oneLong[3] += " "
        #expect(CODAStatement.recognise(Self.file(oneLong)) == nil)
    }

    @Test("missing header, balance or trailer, or an unknown record type, is not CODA")
    func structure() {
        let records = Self.records
        #expect(CODAStatement.recognise(Self.file(Array(records.dropFirst()))) == nil)
        #expect(CODAStatement.recognise(Self.file(Array(records.dropLast()))) == nil)
        #expect(CODAStatement.recognise(Self.file(records.filter { !$0.hasPrefix("8") })) == nil)
        #expect(CODAStatement.recognise(Self.file(records.filter { !$0.hasPrefix("1") })) == nil)
        var unknown = records
        unknown[4] = "7" + unknown[4].dropFirst()
        #expect(CODAStatement.recognise(Self.file(unknown)) == nil)
        var blankLine = records
        blankLine.insert("", at: 3)
        #expect(CODAStatement.recognise(Self.file(blankLine)) == nil)
    }

    @Test("UBL, PDF, random text and nothing are not CODA")
    func otherFiles() throws {
        #expect(CODAStatement.recognise(InlineFixture.data(InlineFixture.invoice())) == nil)
        let pdf = try #require(Data(base64Encoded: InlineFixture.tinyPDFBase64.filter { !$0.isWhitespace }))
        #expect(CODAStatement.recognise(pdf) == nil)
        #expect(CODAStatement.recognise(Data("0 hello, this is just a line of text\n".utf8)) == nil)
        let noise = Data((0..<4096).map { _ in UInt8.random(in: 0...255) })
        #expect(CODAStatement.recognise(noise) == nil)
        #expect(CODAStatement.recognise(Data()) == nil)
    }
}
