import Foundation

// The domain's dossier and route from their stored records.

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
