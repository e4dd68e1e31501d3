import Foundation
import Testing
@testable import LedgerMail

@Suite("Dossiers and routes")
struct DossierTests {
    let test: TestGateway
    init() throws { test = try TestGateway.make(smtp: nil, imap: nil) }

    func add(vat: String = "BE0123456749", company: String = "Acme BV", from: String = "Acme BV <acme@gateway.test>",
             accountant: String = "boekhouder@acct.test") throws {
        try test.gateway.dossiers.add(name: "acme", company: company, vat: vat, language: .fr, dispatch: .endOfMonth,
                                    from: from, accountant: accountant, timeZone: "Europe/Brussels")
    }

    @Test("a dossier keeps its normalised number and settings")
    func addAndShow() throws {
        try add(vat: "BE 0123.456.749")
        let dossier = try test.gateway.dossiers.named("acme")
        #expect(dossier.enterpriseNumber == "0123456749")
        #expect(dossier.language == .fr && dossier.dispatch == .endOfMonth)
        #expect(dossier.from == Mailbox(displayName: "Acme BV", address: try EmailAddress("acme@gateway.test")))
    }

    @Test("a VAT number with wrong mod-97 check digits is refused, saying so")
    func wrongCheckDigits() throws {
        #expect { try add(vat: "BE0123456748") } throws: { "\($0)".contains("check digits") }
        #expect(throws: InvalidInput.self) { try add(vat: "FR12345678901") }
    }

    @Test("a CR or LF in a command-line value is refused", arguments: ["Acme\r\nBcc: x@y.z", "Acme\nBV"])
    func lineBreaksRefused(company: String) throws {
        #expect { try add(company: company) } throws: { "\($0)".contains("single line") }
        #expect(throws: NoSuchDossier.self) { try test.gateway.dossiers.named("acme") }
    }

    @Test("a route with an invalid address is refused and nothing is stored",
          arguments: ["not-an-address", "a@b", "inkoop@acct.test\r\nRCPT TO:<x@y.z>", "<inkoop@acct.test>", "a b@acct.test", "a@-acct.test"])
    func invalidRouteAddress(address: String) throws {
        try add()
        #expect(throws: InvalidInput.self) {
            try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test", address])
        }
        #expect(try test.gateway.routes.list(dossier: "acme").isEmpty)
    }

    @Test("routes list in kind order, several addresses kept")
    func routeList() throws {
        try add()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test", "copy@acct.test"])
        try test.gateway.routes.set(dossier: "acme", kind: .salesInvoice, addresses: ["verkoop@acct.test"])
        let routes = try test.gateway.routes.list(dossier: "acme")
        #expect(routes.map(\.kind) == [.salesInvoice, .purchaseInvoice])
        #expect(routes[1].addresses.map(\.value) == ["inkoop@acct.test", "copy@acct.test"])
    }

    @Test("an unknown dossier is named in the error")
    func unknownDossier() throws {
        #expect { try test.gateway.routes.list(dossier: "nope") } throws: { "\($0)".contains("no dossier named 'nope'") }
    }
}
