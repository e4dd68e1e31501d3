import Foundation
import Testing
@testable import LedgerMail

@Suite("Periods")
struct PeriodTests {
    @Test("an issue date's calendar day, with or without a zone; nil for what is no date", arguments: [
        ("2026-09-30", "2026-09-30"), ("2026-09-30+02:00", "2026-09-30"), ("2026-09-30Z", "2026-09-30"),
        ("2026-09-30-05:00", "2026-09-30"), (" 2026-09-30 ", "2026-09-30"),
        ("2024-02-29", "2024-02-29"), ("\t2026-09-30", "2026-09-30"),
        ("30/09/2026", nil), ("2026-02-30", nil), ("2100-02-29", nil), ("2026-13-01", nil), ("2026-09-00", nil),
        ("0000-01-01", nil), ("2026-O9-30", nil), ("2026-09-30T10:00:00", nil), ("", nil),
    ] as [(String, String?)])
    func calendarDay(text: String, day: String?) {
        #expect(Period.calendarDay(text) == day)
    }

    @Test("a document dated on a quarter's last day with a zone belongs to that quarter, not to none")
    func zonedIssueDateInItsQuarter() throws {
        let test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        let zoned = test.directory.appendingPathComponent("zoned.xml")
        try String(contentsOf: Samples.purchaseInvoice, encoding: .utf8)
            .replacingOccurrences(of: "<cbc:IssueDate>2026-11-03</cbc:IssueDate>", with: "<cbc:IssueDate>2026-09-30+02:00</cbc:IssueDate>")
            .write(to: zoned, atomically: true, encoding: .utf8)
        _ = try test.gateway.imports.file(dossier: "acme", file: zoned)
        #expect(try test.gateway.periodPlanning.plan(dossier: "acme", period: try Period(parsing: "2026-Q3")).documents.count == 1)
        #expect(try test.gateway.periodPlanning.plan(dossier: "acme", period: try Period(until: "2026-09-30")).documents.count == 1)
        #expect(try test.gateway.periodPlanning.plan(dossier: "acme", period: try Period(parsing: "2026-Q4")).documents.isEmpty)
    }
}
