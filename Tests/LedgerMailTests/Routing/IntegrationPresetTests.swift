import Foundation
import Testing
@testable import LedgerMail

@Suite("Integration presets")
struct IntegrationPresetTests {
    static let number = "0123456749"

    func preset(_ name: String) async throws -> IntegrationPreset {
        try #require(try await IntegrationPreset.all().first { $0.name == name })
    }

    func accepts(_ preset: IntegrationPreset, _ address: String) throws -> Bool {
        preset.rule.refusal(try EmailAddress(address), enterpriseNumber: Self.number) == nil
    }

    @Test("every package has its preset, with kinds, addressing and a size cap")
    func allPresets() async throws {
        let names = try await IntegrationPreset.all().map(\.name)
        #expect(names == ["billmail", "clearfacts", "exact-online", "octopus", "sbbslim", "winbooksconnect", "winbooksonweb", "yuki"])
        for preset in try await IntegrationPreset.all() {
            #expect(!preset.kinds.isEmpty && preset.maxSize != nil && !preset.rule.description.isEmpty, "\(preset.name)")
        }
        #expect(try await preset("clearfacts").maxSize == ByteSize(bytes: 20 << 20))
        #expect(try await preset("yuki").addressing == .oneForAll)
        #expect(try await preset("winbooksconnect").addressing == .oneForAll)
        #expect(try await preset("exact-online").addressing == .perKind)
    }

    @Test("Clearfacts: a tray word + the 10-digit enterprise number at …clearfacts.be, case kept")
    func clearfacts() async throws {
        let clearfacts = try await preset("clearfacts")
        #expect(try accepts(clearfacts, "aankoop0123456749@kantoor.clearfacts.be"))
        #expect(try accepts(clearfacts, "Verkoop0123456749@kantoor.clearfacts.be"))
        #expect(try !accepts(clearfacts, "aankoop0123456748@kantoor.clearfacts.be"), "another enterprise number")
        #expect(try !accepts(clearfacts, "aankoop@kantoor.clearfacts.be"), "no number")
        #expect(try !accepts(clearfacts, "aankoop0123456749@kantoor.clearfacts.com"), "wrong domain")
        #expect(try !accepts(clearfacts, "aankoop-0123456749@kantoor.clearfacts.be"), "not a tray word")
    }

    @Test("the domain rules of WinBooks Connect, Yuki, Octopus and Exact Online")
    func domainRules() async throws {
        let connect = try await preset("winbooksconnect")
        for ok in ["acme@winbooksconnect.be", "acme@myinvoices.be", "acme@mydocs.be"] { #expect(try accepts(connect, ok)) }
        #expect(try !accepts(connect, "acme@winbooks.be"))
        let yuki = try await preset("yuki")
        #expect(try accepts(yuki, "acme@yukiworks.be"))
        #expect(try !accepts(yuki, "acme@yukiworks.es") && !accepts(yuki, "acme@mail.yukiworks.be"))
        let octopus = try await preset("octopus")
        #expect(try accepts(octopus, "acme123@docin.octopus.be") && accepts(octopus, "acme123-PI@docin.octopus.be"))
        #expect(try !accepts(octopus, "acme@octopus.be"))
        let exact = try await preset("exact-online")
        #expect(try accepts(exact, "89yz@verkoop.exactonline.nl") && accepts(exact, "12ab@inkoop.exactonline.be"))
        #expect(try !accepts(exact, "89yz@exactonline.com"))
    }

    @Test("no known rule (SBB Slim, Winbooks on Web, BillMail): any valid address, and the preset says so")
    func unknownRules() async throws {
        for name in ["sbbslim", "winbooksonweb", "billmail"] {
            let preset = try await preset(name)
            #expect(!preset.rule.known && preset.rule.description.contains("any valid address"))
            #expect(try accepts(preset, "whatever@example.be"))
        }
    }

    @Test("enable: routes set from the preset; a refusal names the address and the rule and changes nothing")
    func enable() async throws {
        let test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier()
        let clearfacts = try await preset("clearfacts")
        let routes = try test.gateway.integrations.enable(dossier: "acme", preset: clearfacts, addresses: [
            .purchaseInvoice: "aankoop0123456749@kantoor.clearfacts.be", .salesInvoice: "verkoop0123456749@kantoor.clearfacts.be",
        ])
        #expect(routes.map(\.kind) == [.salesInvoice, .purchaseInvoice])
        #expect(routes.allSatisfy { $0.maxSize == ByteSize(bytes: 20 << 20) && $0.attach == .both })
        #expect {
            try test.gateway.integrations.enable(dossier: "acme", preset: clearfacts, addresses: [
                .purchaseCreditNote: "aankoopcn0123456749@kantoor.clearfacts.be", .salesCreditNote: "verkoopcn@gmail.com",
            ])
        } throws: { "\($0)".contains("verkoopcn@gmail.com") && "\($0)".contains("clearfacts.be") }
        #expect(try test.gateway.routes.list(dossier: "acme").count == 2, "nothing changed")
        #expect { try test.gateway.integrations.enable(dossier: "acme", preset: clearfacts, addresses: [.coda: "coda0123456749@k.clearfacts.be"]) }
            throws: { "\($0)".contains("does not take coda") }

        let yuki = try await preset("yuki")
        let all = try test.gateway.integrations.enable(dossier: "acme", preset: yuki, addresses: [nil: "acme@yukiworks.be"])
        #expect(all.count == yuki.kinds.count && all.allSatisfy { $0.addresses.map(\.value) == ["acme@yukiworks.be"] && $0.attach == .pdf })
    }
}
