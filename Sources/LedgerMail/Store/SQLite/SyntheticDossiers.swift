import Foundation
import GRDB

extension Gateway {
    /// For benchmarks only: `dossiers` dossiers of `documents` documents each, written as rows
    /// in one transaction (no files, no mail), their latest deliveries spread over the states.
    package func seedSyntheticDossiers(_ dossiers: Int, documents: Int) throws {
        let states: [DeliveryState] = [.sent, .sent, .sent, .scheduled, .held, .pending, .deferred, .failed, .bounced]
        let now = clock()
        try database.write { db in
            for index in 0..<dossiers {
                let name = String(format: "bench-%05d", index)
                try DossierRecord(name: name, company: "Bench \(index)", enterpriseNumber: "0123456749", language: .nl,
                                  dispatch: .afterTenMinutes, fromName: nil, fromAddress: "bench@gateway.test",
                                  accountant: "boekhouder@acct.test", timeZone: "Europe/Brussels", createdAt: now).insert(db)
                for number in 0..<documents {
                    let hash = String(format: "%064x", index * documents + number)
                    var document = DocumentRecord(
                        id: nil, dossier: name, kind: .purchaseInvoice, root: .invoice, number: "B\(number)",
                        supplierKey: "0403123486", issueDate: "2026-11-01", counterparty: "Supplier", fileName: "b\(number).xml",
                        sourceSHA256: hash, ublSHA256: hash, pdfSHA256: nil, pdfRendered: false, fileSHA256: nil,
                        fileMimeType: nil, fileExtension: nil, attachmentBase: "B\(number)", version: 1, supersededBy: nil,
                        heldBecause: nil, heldDetail: nil, importedAt: now)
                    try document.insert(db)
                    let state = states[(index + number) % states.count]
                    var delivery = DeliveryRecord.new(documentID: document.id!, routeKind: .purchaseInvoice,
                                                      state: state, dueAt: nil, now: now)
                    delivery.sentAt = state == .sent ? now : nil
                    try delivery.insert(db)
                }
            }
        }
    }
}

extension Gateway {
    /// For benchmarks: every delivery's state read and counted, one pass over the table (the
    /// reference a query over all deliveries is measured against).
    package func countDeliveryStates() throws -> Int {
        try database.read { db in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM delivery GROUP BY state").count }
    }
}

extension Gateway {
    /// For benchmarks: a new install in `directory` (no mail servers).
    package static func scratch(in directory: URL) throws -> Gateway {
        let settings = Settings(configFile: directory.appendingPathComponent("ledgermail.yaml"),
                                dataDirectory: directory.appendingPathComponent("data"), smtp: nil, imap: nil,
                                bounceAddress: nil, replyAddress: nil, templatesDirectory: nil, dispatchDelay: 600, tlsInsecure: false)
        try "# bench\n".write(to: settings.configFile, atomically: true, encoding: .utf8)
        _ = try initialize(settings: settings, exampleConfig: nil)
        return try Gateway(settings: settings)
    }
}
