import Foundation
import Logging

/// LedgerMail's domain as one object: dossiers and routes, import, sending, the inbox and
/// status. The CLI and the `run` service are thin faces over it.
public final class Gateway: Sendable {
    let services: GatewayServices
    public var settings: Settings { services.settings }
    var store: any StoreEngine { services.store }
    var blobs: any BlobStorage { services.blobs }
    var verp: VERPSigner { services.verp }
    var templates: MailTemplates { services.templates }
    var logger: Logger { services.logger }
    var clock: @Sendable () -> Date { services.clock }
    var loginBackoff: LoginBackoff { services.loginBackoff }

    /// Opens an initialised data directory (`ledgermail init` makes one).
    public init(settings: Settings, logger: Logger = Logger(label: "ledgermail"),
                clock: @escaping @Sendable () -> Date = { Date() }) throws {
        let place = try StorePlace.open(settings)
        services = GatewayServices(
            settings: settings, store: place.store, blobs: place.blobs, verp: VERPSigner(key: place.verpKey),
            templates: try MailTemplates(directory: settings.templatesDirectory), logger: logger, clock: clock,
            loginBackoff: LoginBackoff())
        if settings.tlsInsecure {
            logger.warning("tls.insecure is set: server certificates are NOT checked. Use this for tests only.")
        }
        for warning in settings.warnings { logger.warning("\(warning)") }
        let abandoned = blobs.removeAbandonedTemporaryFiles()
        if abandoned > 0 { logger.info("removed \(abandoned) temporary file(s) an interrupted import left in the store") }
    }

    /// What `init` created, for its report.
    public struct InitReport: Sendable {
        public var created: [String]
        public var existing: [String]
    }

    /// Creates whatever is missing of the data directory (database, store, VERP key) and, when
    /// there is no config file, writes one from the commented example. Never overwrites.
    public static func initialize(settings: Settings, exampleConfig: URL?) throws -> InitReport {
        var report = InitReport(created: [], existing: [])
        let fm = FileManager.default
        func note(_ path: String, created: Bool) { created ? report.created.append(path) : report.existing.append(path) }

        if !fm.fileExists(atPath: settings.configFile.path) {
            guard let exampleConfig, let text = try? String(contentsOf: exampleConfig, encoding: .utf8) else {
                throw ExampleConfigMissing()
            }
            try text.write(to: settings.configFile, atomically: true, encoding: .utf8)
            // It is where the passwords go: readable by the owner only from the start.
            try fm.setAttributes([.posixPermissions: 0o600], ofItemAtPath: settings.configFile.path)
            note(settings.configFile.path, created: true)
        } else {
            note(settings.configFile.path, created: false)
        }
        let existed = fm.fileExists(atPath: settings.dataDirectory.path)
        // Invoices and the database are the business's own: readable by the owner only.
        try fm.createDirectory(at: settings.blobDirectory, withIntermediateDirectories: true,
                               attributes: [.posixPermissions: 0o700])
        if !existed { try fm.setAttributes([.posixPermissions: 0o700], ofItemAtPath: settings.dataDirectory.path) }
        note(settings.dataDirectory.path, created: !existed)
        if let postgres = settings.database {
            // The schema and the VERP key live in the database, made by the first to connect.
            let engine = try PostgresEngine(settings: postgres)
            defer { engine.close() }
            _ = try engine.verpKey()
            note(postgres.description, created: false)
            return report
        }
        let databaseExisted = fm.fileExists(atPath: settings.databasePath)
        _ = try LedgerDatabase(path: settings.databasePath)
        note(settings.databasePath, created: !databaseExisted)
        // The key signs every VERP token: readable by the owner only. A database made anew gets
        // a new key too, so a late bounce for the old database's deliveries cannot name one of
        // the new database's (their ids start again at 1).
        if !fm.fileExists(atPath: settings.verpKeyPath.path) || !databaseExisted {
            try? fm.removeItem(at: settings.verpKeyPath)
            guard fm.createFile(atPath: settings.verpKeyPath.path, contents: VERPSigner.newKey(),
                                attributes: [.posixPermissions: 0o600]) else {
                throw FileNotWritten(path: settings.verpKeyPath.path, reason: "the VERP key could not be created")
            }
            note(settings.verpKeyPath.path, created: true)
        } else {
            note(settings.verpKeyPath.path, created: false)
        }
        return report
    }

    // Dossier jobs
    public var dossiers: DossierBook { DossierBook(services: services) }
    public var feed: DocumentFeed { DocumentFeed(services: services) }
    public var routes: RouteBook { RouteBook(services: services) }
    public var integrations: IntegrationSetup { IntegrationSetup(services: services) }

    // import and send jobs
    public var imports: DocumentImport { DocumentImport(services: services) }
    public var review: DocumentReview { DocumentReview(services: services) }
    public var storedFiles: DocumentFiles { DocumentFiles(services: services) }
    public var outbox: SendPass { SendPass(services: services) }
    public var resend: Resend { Resend(services: services) }
    public var preview: MailPreview { MailPreview(services: services) }

    // inbox, digest and period end jobs
    public var inboxReader: InboxReader { InboxReader(services: services) }
    public var inboxListing: InboxListing { InboxListing(services: services) }
    public var classification: MailClassification { MailClassification(services: services) }
    public var digests: OwnerDigest { OwnerDigest(services: services) }
    public var periodPlanning: PeriodPlanning { PeriodPlanning(services: services) }
    public var periodSend: PeriodSend {
        PeriodSend(services: services) { [self] dossier, deliveries, progress in
            try await outbox.send(dossier: dossier, selection: .only(deliveries), progress: progress)
        }
    }
    public var mailOut: MailOut { MailOut(services: services) }
    public var periodExport: PeriodExport { PeriodExport(services: services) }

    // accounts, feed and status jobs
    /// The people who log in and their dossiers.
    public var accounts: AccountBook { AccountBook(services: services) }
    /// The browser sessions of `serve`.
    public var webSessions: WebSessionStore { WebSessionStore(services: services) }
    /// The bearer tokens of the documents feed.
    public var apiTokens: APITokenBook { APITokenBook(services: services) }
    /// What `status` shows of documents.
    public var status: StatusReport { StatusReport(services: services) }
}
