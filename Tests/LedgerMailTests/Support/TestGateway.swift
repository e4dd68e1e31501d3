import Foundation
@testable import LedgerMail

/// A fresh data directory with an initialised gateway, pointed at the test mail stack.
struct TestGateway {
    let directory: URL
    let gateway: Gateway

    /// A clock tests can move.
    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var current: Date
        init(_ start: Date) { current = start }
        var now: Date { lock.withLock { current } }
        func advance(_ seconds: TimeInterval) { lock.withLock { current.addTimeInterval(seconds) } }
    }

    static func make(smtp: SMTPServer? = MailStack.smtp, imap: IMAPServer? = MailStack.imap(),
                     clock: Clock? = nil, retry: RetryPolicy = RetryPolicy(),
                     bounceAddress: String = "bounces@gateway.test", limits: InputLimits = InputLimits()) throws -> TestGateway {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let base = Settings(
            configFile: directory.appendingPathComponent("ledgermail.yaml"),
            dataDirectory: directory.appendingPathComponent("data"),
            smtp: smtp, imap: imap,
            bounceAddress: try EmailAddress(bounceAddress), replyAddress: try EmailAddress("bounces@gateway.test"),
            templatesDirectory: nil, dispatchDelay: 600, tlsInsecure: false)
        var settings = base
        settings.retry = retry
        settings.limits = limits
        try "# test\n".write(to: settings.configFile, atomically: true, encoding: utf8)
        _ = try Gateway.initialize(settings: settings, exampleConfig: nil)
        let now: @Sendable () -> Date
        if let clock { now = { clock.now } } else { now = { Date() } }
        let gateway = try Gateway(settings: settings, clock: now)
        return TestGateway(directory: directory, gateway: gateway)
    }

    /// A dossier like the README's, with VAT `vat`.
    func addDossier(_ name: String = "acme", vat: String = "BE0123456749", dispatch: DispatchPolicy = .afterTenMinutes) throws {
        try gateway.dossiers.add(name: name, company: "Acme BV", vat: vat, language: .nl, dispatch: dispatch,
                               from: "Acme BV <acme@gateway.test>", accountant: "boekhouder@acct.test",
                               timeZone: "Europe/Brussels")
    }
}

private let utf8 = String.Encoding.utf8

/// The repository's own sample documents (`samples/`).
enum Samples {
    static let directory = MailStack.repository.appendingPathComponent("samples")
    static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }
    static let purchaseInvoice = url("purchase-invoice-LEV-2026-0815.xml")
    static let salesInvoice = url("sales-invoice-V2026-0042.xml")
    static let salesInvoicePDF = url("sales-invoice-V2026-0042.pdf")
    static let salesCreditNote = url("sales-credit-note-C2026-0007.xml")
    static let unknownParty = url("unknown-party-X-77.xml")

    /// `count` distinct purchase invoices (numbers B0001…), written into `directory`.
    static func purchaseInvoices(_ count: Int, in directory: URL, prefix: String = "B") throws -> [URL] {
        let template = try String(contentsOf: purchaseInvoice, encoding: .utf8)
        return try (1...count).map { index in
            let number = String(format: "LEV/2026/%@%04d", prefix, index)
            let url = directory.appendingPathComponent(String(format: "invoice-%@%04d.xml", prefix, index))
            try template.replacingOccurrences(of: "LEV/2026/0815", with: number).write(to: url, atomically: true, encoding: .utf8)
            return url
        }
    }
}

extension Gateway {
    /// The file store of a SQLite install, for tests that tamper with a stored file.
    var fileBlobs: BlobStore { blobs as! BlobStore }
}

extension Gateway {
    /// The SQLite database of a SQLite install, for tests that set up or read rows directly.
    var database: LedgerDatabase { store as! LedgerDatabase }
}
