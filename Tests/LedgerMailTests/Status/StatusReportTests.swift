import Foundation
import GRDB
import Testing
@testable import LedgerMail

/// `status` over many documents on a real store: pages, the summary, and a document's state
/// following its latest delivery whichever code writes the deliveries.
@Suite("Status report")
struct StatusReportTests {
    let test: TestGateway
    var gateway: Gateway { test.gateway }

    init() throws {
        test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier("acme")
        try test.addDossier("beta")
    }

    @Test("status hands over every document once, in dossier and id order, across pages")
    func streamsAcrossPages() throws {
        try gateway.seedSyntheticDocuments(dossier: "beta", count: 700)
        try gateway.seedSyntheticDocuments(dossier: "acme", count: 600)
        var seen: [(String, Int64)] = []
        try gateway.status.each(DocumentFilter()) { seen.append(($0.dossier, $0.id)) }
        #expect(seen.count == 1300)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.0 < $1.0 || ($0.0 == $1.0 && $0.1 < $1.1) })
        #expect(seen.first?.0 == "acme" && seen.last?.0 == "beta")
        #expect(try gateway.status(DocumentFilter(limit: 650)).map(\.id) == seen.prefix(650).map(\.1))
        #expect(try gateway.status(DocumentFilter(dossier: "beta", limit: 0)).isEmpty)
    }

    @Test("the summary counts the same documents per kind and state as the listed documents")
    func summaryMatchesDocuments() throws {
        try gateway.seedSyntheticDocuments(dossier: "acme", count: 1200)
        try gateway.seedSyntheticDocuments(dossier: "beta", count: 50)
        for filter in [DocumentFilter(dossier: "acme"), DocumentFilter(states: [.failed, .held]),
                       DocumentFilter(kinds: [.salesInvoice]), DocumentFilter(dossier: "acme", period: try Period(parsing: "2026-Q2"))] {
            var expected: [String: Int] = [:]
            try gateway.status.each(filter) { expected["\($0.kind?.rawValue ?? "-") \($0.state.rawValue)", default: 0] += 1 }
            let summary = try gateway.status.summary(filter)
            #expect(Dictionary(uniqueKeysWithValues: summary.map { ("\($0.kind?.rawValue ?? "-") \($0.state.rawValue)", $0.count) }) == expected)
            #expect(!summary.isEmpty)
        }
        #expect(throws: NoSuchDossier.self) { try gateway.status.summary(DocumentFilter(dossier: "nope")) }
    }

    @Test("a document's state is its latest delivery's, held without one, whatever writes the deliveries")
    func stateFollowsLatestDelivery() throws {
        try gateway.seedSyntheticDocuments(dossier: "acme", count: 1)
        let document = try #require(try gateway.status(dossier: "acme").first)
        func state() throws -> DeliveryState? {
            try gateway.status(DocumentFilter(dossier: "acme", states: [.held, .failed, .sent, .scheduled])).first?.state
        }
        #expect(try state() == document.state)
        var delivery = DeliveryRecord.new(documentID: document.id, routeKind: .purchaseInvoice, state: .scheduled, dueAt: nil, now: Date())
        try gateway.store.write { tx in try tx.insert(&delivery) }
        #expect(try state() == .scheduled)
        try gateway.database.write { db in
            _ = try DeliveryRecord.filter(key: delivery.id).updateAll(db, DeliveryRecord.Columns.state.set(to: DeliveryState.failed))
        }
        #expect(try state() == .failed)
        try gateway.database.write { db in _ = try DeliveryRecord.filter(DeliveryRecord.Columns.documentID == document.id).deleteAll(db) }
        #expect(try state() == .held)
        #expect(try gateway.status.summary(DocumentFilter(dossier: "acme")).map(\.state) == [.held])
    }
}
