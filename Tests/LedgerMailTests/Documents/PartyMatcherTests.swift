@testable import LedgerMail
import Foundation
import Testing

@Suite("Sales or purchase: party matching")
struct PartyMatcherTests {
    @Test("inline invoice: supplier by VAT, customer by endpoint (9925) or legal id")
    func inline() throws {
        let document = try UBLReader().read(InlineFixture.data(InlineFixture.invoice()))
        #expect(PartyMatcher(ownIdentifiers: ["0123456749"]).classify(document) == .supplier(level: "vat"))
        #expect(PartyMatcher(ownIdentifiers: ["BE0000000295"]).classify(document) == .customer(level: "endpoint"))
        #expect(PartyMatcher(ownIdentifiers: ["0000000295"]).classify(document) == .customer(level: "endpoint"))
        #expect(PartyMatcher(ownIdentifiers: ["0999999999"]).classify(document) == .neither)
        #expect(PartyMatcher(ownIdentifiers: []).classify(document) == .neither)
    }

    @Test("a party known only by PartyIdentification is the last level")
    func partyIdentification() throws {
        let document = try UBLReader().read(InlineFixture.data(InlineFixture.invoice()))
        var customer = document.customer
        customer.endpointValue = nil
        var changed = document
        changed.customer = customer
        #expect(PartyMatcher(ownIdentifiers: ["BE0000000295"]).classify(changed) == .customer(level: "party-identification"))
    }
}

@Suite("Party matching on the corpus", .enabled(if: Corpus.directory != nil, "needs the shared corpus"))
struct CorpusPartyMatcherTests {
    static let belgianFiles = Corpus.fileNames.filter { $0.hasPrefix("ublbe_") }

    /// BE0000000295 is the customer of the UBL.BE samples, except 15000014
    /// (a German buyer) and 15000033 (a Spanish consumer), where we are neither.
    @Test("UBL.BE samples: we are the customer", arguments: belgianFiles)
    func ublbe(file: String) throws {
        let document = try UBLReader().read(Corpus.contents(of: file))
        let match = PartyMatcher(ownIdentifiers: ["BE0000000295"]).classify(document)
        if file.contains("15000014") || file.contains("15000033") {
            #expect(match == .neither)
        } else {
            #expect(match == .customer(level: "vat"))
        }
        #expect(PartyMatcher(ownIdentifiers: ["0000000196"]).classify(document) == .supplier(level: "vat"))
    }

    @Test("odoo bill: same endpoint both sides, the VAT level decides")
    func sameEndpoint() throws {
        let document = try UBLReader().read(Corpus.contents(of: "odoo_bis3_bill_example.xml"))
        #expect(document.supplier.endpoint == document.customer.endpoint)
        #expect(PartyMatcher(ownIdentifiers: ["LU25587702"]).classify(document) == .customer(level: "vat"))
        #expect(PartyMatcher(ownIdentifiers: ["LU12977109"]).classify(document) == .supplier(level: "vat"))
    }
}
