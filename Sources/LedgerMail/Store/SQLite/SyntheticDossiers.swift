import Foundation
import GRDB

extension Gateway {
    /// For benchmarks only: `dossiers` dossiers of `documents` documents each, written as rows
    /// in one transaction (no files, no mail), their latest deliveries spread over the states.
    package func seedSyntheticDossiers(_ dossiers: Int, documents: Int) throws {
        let states: [DeliveryState] = [.sent, .sent, .sent, .scheduled, .held, .pending, .deferred, .failed, .bounced]
        let now = clock()
        try sqlite.write { db in
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
    /// For benchmarks only: `count` more documents in an existing dossier, written as rows in
    /// one transaction (no files, no mail), like two years of a busy one: the kinds in turn,
    /// issue dates over 2025 and 2026, nearly all sent and a few in each other state (one in 200
    /// failed; one document in ten with an earlier failed attempt), a recipient for every
    /// delivery that was tried.
    package func seedSyntheticDocuments(dossier: String, count: Int) throws {
        let kinds: [DocumentKind] = [.purchaseInvoice, .salesInvoice, .purchaseInvoice, .salesCreditNote, .purchaseCreditNote]
        // Of every 200: the states other than sent, then sent for the rest.
        let states: [DeliveryState] = [.failed, .bounced, .deferred, .deferred, .pending, .pending, .held, .held, .held]
            + Array(repeating: .scheduled, count: 6)
        let now = clock()
        try sqlite.write { db in
            let first = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM document") ?? 0
            for index in 0..<count {
                let serial = Int(first) + index + 1
                let day = index % 730
                let issued = String(format: "%04d-%02d-%02d", 2025 + day / 365, (day % 365) / 31 % 12 + 1, day % 28 + 1)
                let hash = String(format: "%064x", serial)
                var document = DocumentRecord(
                    id: nil, dossier: dossier, kind: kinds[index % kinds.count], root: .invoice, number: "S\(serial)",
                    supplierKey: "0403123486", issueDate: issued, counterparty: "Supplier \(index % 97)", fileName: "s\(serial).xml",
                    sourceSHA256: hash, ublSHA256: hash, pdfSHA256: nil, pdfRendered: false, fileSHA256: nil,
                    fileMimeType: nil, fileExtension: nil, attachmentBase: "S\(serial)", version: 1, supersededBy: nil,
                    heldBecause: nil, heldDetail: nil, importedAt: now)
                try document.insert(db)
                let state = states.indices.contains((index * 7) % 200) ? states[(index * 7) % 200] : .sent
                var attempts: [DeliveryState] = index % 10 == 0 ? [.failed] : []
                attempts.append(state)
                for attempt in attempts {
                    var delivery = DeliveryRecord.new(documentID: document.id!, routeKind: document.kind, state: attempt, dueAt: nil, now: now)
                    delivery.sentAt = attempt == .sent ? now : nil
                    delivery.attempts = [.sent, .failed, .bounced, .deferred].contains(attempt) ? 1 : 0
                    try delivery.insert(db)
                    guard delivery.attempts > 0 else { continue }
                    var recipient = RecipientRecord(id: nil, deliveryID: delivery.id!, address: "boekhouder@acct.test", state: attempt,
                                                    smtpReply: attempt == .sent ? "250 2.0.0 Ok: queued" : "550 5.1.1 unknown")
                    try recipient.insert(db)
                }
            }
        }
    }

    /// For benchmarks: every delivery's state read and counted, one pass over the table (the
    /// reference a query over all deliveries is measured against).
    package func countDeliveryStates() throws -> Int {
        try sqlite.read { db in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM delivery GROUP BY state").count }
    }
}

extension Gateway {
    /// For benchmarks: a new install in `directory` (no mail servers).
    package static func scratch(in directory: URL) throws -> Gateway {
        let settings = Settings(configFile: directory.appendingPathComponent("ledgermail.yaml"),
                                dataDirectory: directory.appendingPathComponent("data"), smtp: nil, imap: nil,
                                bounceAddress: nil, replyAddress: nil, templatesDirectory: nil, dispatchDelay: 600, tlsInsecure: false)
        // The command line finds the same install through this file (`--config`).
        try "data_dir: data\n".write(to: settings.configFile, atomically: true, encoding: .utf8)
        _ = try initialize(settings: settings, exampleConfig: nil)
        return try Gateway(settings: settings)
    }
}

extension Gateway {
    /// For benchmarks: the same install on PostgreSQL once `db copy` has moved it to `url`
    /// (the config file names it too, for the command line).
    package func onPostgres(_ url: String) throws -> Gateway {
        var settings = services.settings
        settings.database = try PostgresSettings.parse(url: url, password: nil, caFile: nil, place: "--database-url")
        try "data_dir: data\ndatabase:\n  url: \(url)\n".write(to: settings.configFile, atomically: true, encoding: .utf8)
        return try Gateway(settings: settings)
    }
}

extension Gateway {
    /// The seeding writes SQLite rows directly (fast, no mail): a bench of a SQLite install only.
    private var sqlite: LedgerDatabase {
        get throws {
            guard let database = store as? LedgerDatabase else {
                throw InvalidInput("the synthetic dossiers are written into SQLite directly: run the bench without database.url")
            }
            return database
        }
    }
}
