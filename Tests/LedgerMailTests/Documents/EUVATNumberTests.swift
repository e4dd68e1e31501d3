import Foundation
import Testing
@testable import LedgerMail

/// EU VAT numbers for dossiers beyond Belgium: each member state's shape, the check digits where
/// the country publishes them (valid numbers cross-checked with python-stdnum 2.2), and matching.
@Suite("EU VAT numbers")
struct EUVATNumberTests {
    @Test("valid numbers parse to their VIES form", arguments: [
        ("NL004495445B01", "NL"), ("NL123456782B01", "NL"), ("nl 0000.99998.B57", "NL"),
        ("DE136695976", "DE"), ("DE 136 695 976", "DE"), ("FR40303265045", "FR"), ("FR K7 399859412", "FR"),
        ("IT00743110157", "IT"), ("ESA13585625", "ES"), ("ESX5253868R", "ES"), ("ES12345678Z", "ES"),
        ("LU26375245", "LU"), ("BE0403170701", "BE"), ("ATU13585627", "AT"), ("DK13585628", "DK"),
        ("FI20774740", "FI"), ("PT501964843", "PT"), ("PL5260250274", "PL"), ("SE556188840401", "SE"),
        ("GR094259216", "EL"), ("CZ25123891", "CZ"), ("IE6433435F", "IE"),
    ])
    func valid(text: String, country: String) throws {
        let number = try EUVATNumber(parsing: text)
        #expect(number.country == country)
        #expect(!number.description.contains(" ") && !number.description.contains("."))
    }

    @Test("a wrong check digit is refused, naming the check", arguments: [
        "NL004495446B01", "DE136695977", "FR41303265045", "FRK7399859413", "IT00743110158", "ESA13585626", "ES12345678A",
        "LU26375246", "BE0403170702", "ATU13585628", "DK13585627", "FI20774741", "PT501964844", "PL5260250275",
        "SE556188840501",
    ])
    func wrongCheckDigits(text: String) {
        #expect { try EUVATNumber(parsing: text) } throws: { ($0 as? InvalidInput)?.message.contains("check digits") == true }
    }

    @Test("a wrong shape or no member state is refused, naming what was expected", arguments: [
        ("NL004495445", "9 digits, B and 2 digits"), ("DE12345678", "9 digits"), ("IT0074311015", "11 digits"),
        ("ATV13585627", "U and 8 digits"), ("US123456789", "not an EU member state"), ("GB123456789", "not an EU member state"),
        ("NL", "country prefix"), ("LU2637524", "8 digits"),
    ])
    func wrongShape(text: String, says: String) {
        #expect { try EUVATNumber(parsing: text) } throws: { ($0 as? InvalidInput)?.message.contains(says) == true }
    }

    @Test("a dossier takes any member state's number; Belgian ones stay 10 digits")
    func dossierNumbers() throws {
        #expect(try DossierNumber.normalize("nl004495445b01") == "NL004495445B01")
        #expect(try DossierNumber.normalize("BE 0123.456.749") == "0123456749")
        #expect(throws: InvalidInput.self) { try DossierNumber.normalize("BE0123456748") }
        #expect(throws: InvalidInput.self) { try DossierNumber.normalize("NL004495446B01") }
        #expect(DossierNumber.identifiers("FR40303265045") == ["FR40303265045", "40303265045", "303265045"])
        #expect(DossierNumber.identifiers("0123456749") == ["0123456749"])
    }

    /// A sample document with our side rewritten as a Dutch company (VAT, Peppol endpoint 9944, KvK).
    static func dutch(_ sample: URL, ourVAT: String, in directory: URL) throws -> URL {
        let text = try String(contentsOf: sample, encoding: .utf8)
            .replacingOccurrences(of: "<cbc:CompanyID>BE0123456749</cbc:CompanyID>", with: "<cbc:CompanyID>\(ourVAT)</cbc:CompanyID>")
            .replacingOccurrences(of: "<cbc:EndpointID schemeID=\"0208\">0123456749</cbc:EndpointID>",
                                  with: "<cbc:EndpointID schemeID=\"9944\">NL004495445B01</cbc:EndpointID>")
            .replacingOccurrences(of: "<cbc:CompanyID schemeID=\"0208\">0123456749</cbc:CompanyID>",
                                  with: "<cbc:CompanyID schemeID=\"0106\">17001910</cbc:CompanyID>")
        let url = directory.appendingPathComponent("nl-" + sample.lastPathComponent)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    @Test("a Dutch dossier's documents get their kind by its VAT number, with or without the NL prefix",
          arguments: ["NL004495445B01", "NL 0044.95.445.B01", "004495445B01"])
    func dutchDossier(written: String) throws {
        let test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier(vat: "NL004495445B01")
        #expect(try test.gateway.dossiers.named("acme").enterpriseNumber == "NL004495445B01")
        let purchase = try Self.dutch(Samples.purchaseInvoice, ourVAT: written, in: test.directory)
        let sale = try Self.dutch(Samples.salesInvoice, ourVAT: written, in: test.directory)
        _ = try test.gateway.imports.file(dossier: "acme", file: purchase)
        _ = try test.gateway.imports.file(dossier: "acme", file: sale)
        let kinds = try test.gateway.status(dossier: "acme").map(\.kind)
        #expect(kinds == [.purchaseInvoice, .salesInvoice])
        // The Belgian sample itself names no Dutch party: held, not guessed.
        _ = try test.gateway.imports.file(dossier: "acme", file: Samples.salesCreditNote)
        #expect(try test.gateway.status(dossier: "acme").last?.heldReason != nil)
    }
}
