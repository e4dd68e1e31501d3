import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// The whole gateway on PostgreSQL (`database.url`): the same jobs, the same answers.
@Suite("The gateway on PostgreSQL", .enabled(if: TestPostgres.available, TestPostgres.skipNote))
struct PostgresGatewayTests {
    /// A gateway whose state is in the PostgreSQL database `target`, its data_dir a temporary folder.
    static func gateway(on target: PostgresSettings, like test: TestGateway) throws -> Gateway {
        var settings = test.gateway.settings
        settings.database = target
        settings.dataDirectory = test.directory.appendingPathComponent("pg-data")
        _ = try Gateway.initialize(settings: settings, exampleConfig: nil)
        return try Gateway(settings: settings)
    }

    @Test("imported, sent over the real mail stack and reported by status, with the state in PostgreSQL")
    func importSendStatus() async throws {
        MailStack.reset()
        let test = try TestGateway.make()
        try await TestPostgres.withDatabase { target in
            let gateway = try Self.gateway(on: target, like: test)
            try gateway.dossiers.add(name: "acme", company: "Acme BV", vat: "BE0123456749", language: .nl, dispatch: .never,
                                     from: "acme@gateway.test", accountant: "boekhouder@acct.test", timeZone: "Europe/Brussels")
            try gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
            _ = try gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice)
            _ = try gateway.imports.file(dossier: "acme", file: Samples.unknownParty)
            let sent = try awaitBlocking { try await gateway.outbox.send(dossier: "acme", selection: .everythingWaiting) }
            #expect(sent.sent == 1, "\(sent)")
            let states = try gateway.status(dossier: "acme").map(\.state)
            #expect(states.sorted { $0.rawValue < $1.rawValue } == [.held, .sent], "\(states)")
        }
        #expect(try await MailStack.waitForCount(1, in: "inkoop@acct.test") == 1)
    }

    @Test("a quarter-end send started twice at once, by two workers on one PostgreSQL, sends each document once")
    func periodSendTwiceAtOnce() async throws {
        MailStack.reset()
        let test = try TestGateway.make()
        let directory = test.directory.appendingPathComponent("quarter")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let reports = try await TestPostgres.withDatabase { target in
            let first = try Self.gateway(on: target, like: test)
            try first.dossiers.add(name: "acme", company: "Acme BV", vat: "BE0123456749", language: .nl, dispatch: .never,
                                   from: "acme@gateway.test", accountant: "boekhouder@acct.test", timeZone: "Europe/Brussels")
            try first.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
            for file in try Samples.purchaseInvoices(12, in: directory) { _ = try first.imports.file(dossier: "acme", file: file) }
            // Another process on the same database, as a second `ledgermail send --period` would be.
            let second = try Gateway(settings: first.settings)
            let period = try Period(parsing: "2026-Q4")
            return try awaitBlocking {
                async let one = first.periodSend.send(dossier: "acme", period: period, comment: nil, dryRun: false)
                async let other = second.periodSend.send(dossier: "acme", period: period, comment: nil, dryRun: false)
                return try await [one, other]
            }
        }
        #expect(reports.map { $0.send?.sent ?? 0 }.reduce(0, +) == 12, "\(reports.map { $0.send?.problems ?? [] })")
        #expect(try await MailStack.waitForCount(12, in: "inkoop@acct.test") == 12)
        try await Task.sleep(for: .seconds(1))
        let messages = try MailStack.fetch("inkoop@acct.test")
        #expect(messages.count == 12 && Set(messages.map(\.message_id)).count == 12)
    }

    @Test("after db copy, status --json reads the same from PostgreSQL as from the SQLite install")
    func copiedStatusIsTheSame() async throws {
        let test = try DatabaseCopyTests.populated()
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let here = try encoder.encode(try test.gateway.status(dossier: "acme"))
        let there = try await TestPostgres.withDatabase { target in
            _ = try StoreCopy.copy(from: test.gateway.settings, to: target)
            return try encoder.encode(try Self.gateway(on: target, like: test).status(dossier: "acme"))
        }
        #expect(String(decoding: here, as: UTF8.self) == String(decoding: there, as: UTF8.self))
    }
}
}
