import Foundation
import GRDB

extension Gateway {
    /// Adds a dossier. The number is a Belgian enterprise / VAT number or another EU member
    /// state's VAT number, its shape and check digits checked (`DossierNumber`).
    public func addDossier(name: String, company: String, vat: String, language: Language, dispatch: DispatchPolicy,
                           from: String, accountant: String, timeZone: String, ownerEmail: String? = nil) throws {
        try Dossier.checkName(name)
        let record = try DossierFields(company: company, vat: vat, language: language, dispatch: dispatch, from: from,
                                       accountant: accountant, timeZone: timeZone, ownerEmail: ownerEmail)
            .record(name: name, over: nil, createdAt: clock())
        try database.write { db in
            if try DossierRecord.exists(db, key: name) {
                throw InvalidInput("a dossier named '\(name)' already exists: `ledgermail dossier set \(name)` changes it")
            }
            try record.insert(db)
        }
    }

    /// Sets (or with nil clears) where the dossier's digest goes. Refused when it is one of the
    /// dossier's import addresses: a digest there would be booked as a document.
    public func setOwnerEmail(dossier name: String, _ address: String?) throws {
        let owner = try address.map(Self.checkedOwner)
        try database.write { db in
            var record = try requireWritableDossier(name, db)
            if let owner {
                try Self.refuseImportAddress(owner, dossier: name, db)
            }
            record.ownerEmail = owner?.value
            try record.update(db)
        }
    }

    static func checkedOwner(_ text: String) throws -> EmailAddress {
        try InvalidInput.checkSingleLine(text, name: "--owner-email")
        return try EmailAddress(text)
    }

    static func refuseImportAddress(_ owner: EmailAddress, dossier name: String, _ db: Database) throws {
        let routes = try RouteRecord.filter(Column("dossier") == name).fetchAll(db).map(Route.init)
        if let route = routes.first(where: { $0.addresses.contains { $0.value.lowercased() == owner.value.lowercased() } }) {
            throw InvalidInput("--owner-email \(owner) is the import address of \(route.kind.rawValue) in '\(name)': the digest would be booked as a document there; give the owner's own address")
        }
    }

    public func dossier(named name: String) throws -> Dossier {
        try database.read { db in try Dossier(try requireDossier(name, db)) }
    }

    /// Sets where `kind` goes and how its mails are made. Documents held only because this kind
    /// had no route are released.
    @discardableResult
    public func setRoute(dossier name: String, kind: DocumentKind, addresses: [String], attach: AttachPolicy = .both,
                         dispatch: DispatchPolicy? = nil, maxSize: ByteSize? = nil, pull: Bool = false) throws -> Int {
        if pull, !addresses.isEmpty {
            throw InvalidInput("a pull route has no addresses: the accountant's software collects through the API")
        }
        guard pull || !addresses.isEmpty else { throw InvalidInput("a route needs at least one address, or --pull") }
        let checked = try addresses.map { text throws(InvalidInput) -> EmailAddress in
            try InvalidInput.checkSingleLine(text, name: "the address")
            return try EmailAddress(text)
        }
        return try database.write { db in
            let dossier = try Dossier(try requireWritableDossier(name, db))
            if let owner = dossier.ownerEmail, checked.contains(where: { $0.value.lowercased() == owner.value.lowercased() }) {
                throw InvalidInput("\(owner) is the owner address of '\(name)' (where its digest goes), not an import address")
            }
            try RouteRecord(dossier: name, kind: kind, addresses: checked.map(\.value).joined(separator: ","),
                            attach: attach, dispatch: dispatch, maxSize: maxSize?.bytes, pull: pull).save(db)
            // Release what waited for this route (and nothing held for another reason).
            let waiting = try DocumentRecord.current(dossier: name, kind: kind, heldBecause: .noRoute).fetchAll(db)
            for var document in waiting {
                _ = try DeliveryRecord.deleteHeld(of: document.id!, db)
                document.hold(nil)
                try document.update(db)
                try scheduleDelivery(for: document, kind: kind, dossier: dossier, db)
            }
            return waiting.count
        }
    }

    public func routes(dossier name: String) throws -> [Route] {
        try database.read { db in
            _ = try requireDossier(name, db)
            return try RouteRecord.filter(Column("dossier") == name).fetchAll(db).compactMap(Route.init).sorted { $0.kind < $1.kind }
        }
    }

}

extension Dossier {
    init(_ record: DossierRecord) throws {
        self.init(name: record.name, company: record.company, enterpriseNumber: record.enterpriseNumber,
                  language: record.language, dispatch: record.dispatch,
                  from: Mailbox(displayName: record.fromName, address: try EmailAddress(record.fromAddress)),
                  accountant: try EmailAddress(record.accountant), timeZone: record.timeZone,
                  ownerEmail: try record.ownerEmail.map { try EmailAddress($0) })
    }
}

extension Route {
    init(_ record: RouteRecord) {
        self.init(kind: record.kind, addresses: record.addresses.split(separator: ",").compactMap { try? EmailAddress(String($0)) },
                  attach: record.attach, dispatch: record.dispatch,
                  maxSize: record.maxSize.map(ByteSize.init(bytes:)), pull: record.pull)
    }
}
