import Foundation
import Testing
@testable import LedgerMail

/// `dossier add --owner-email`, `digest --dry-run` and foreign VAT numbers through the binary.
@Suite("Command line: owner digest and EU VAT numbers", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct DigestCommandTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        _ = CommandLine.run(["init"], in: directory)
    }

    func ledgermail(_ arguments: String...) -> (status: Int32, output: String) {
        CommandLine.run(arguments, in: directory)
    }

    func addDossier(vat: String = "BE0123456749", owner: String? = "owner@gateway.test") -> (status: Int32, output: String) {
        CommandLine.run(["dossier", "add", "acme", "--company", "Acme BV", "--vat", vat, "--from", "acme@gateway.test",
                         "--accountant", "boekhouder@acct.test"] + (owner.map { ["--owner-email", $0] } ?? []), in: directory)
    }

    @Test("digest --dry-run prints the next digest to the owner, sends nothing, and says when there is nothing")
    func dryRun() {
        #expect(addDossier().status == 0)
        #expect(ledgermail("dossier", "show", "acme").output.contains("owner@gateway.test"))
        #expect(ledgermail("digest", "acme", "--dry-run").output.contains("nothing to report"))
        let sample = MailStack.repository.appendingPathComponent("samples/unknown-party-X-77.xml").path
        #expect(ledgermail("import", "acme", sample).status == 0)
        let digest = ledgermail("digest", "acme", "--dry-run")
        #expect(digest.status == 0 && digest.output.contains("To: owner@gateway.test") && digest.output.contains("X-77"), "\(digest.output)")
        #expect(ledgermail("digest", "acme", "--dry-run").output == digest.output, "nothing recorded")
    }

    @Test("no owner address: digest says how to give one; an import address as owner is refused")
    func ownerChecks() {
        #expect(addDossier(owner: nil).status == 0)
        let digest = ledgermail("digest", "acme", "--dry-run")
        #expect(digest.status != 0 && digest.output.contains("--owner-email"), "\(digest.output)")
        #expect(ledgermail("route", "set", "acme", "purchase-invoice", "inkoop@acct.test").status == 0)
        let other = CommandLine.run(["dossier", "add", "beta", "--company", "Beta", "--vat", "NL004495445B01", "--from", "b@gateway.test",
                                     "--accountant", "boekhouder@acct.test", "--owner-email", "owner@gateway.test"], in: directory)
        #expect(other.status == 0, "a Dutch VAT number: \(other.output)")
        let refused = ledgermail("route", "set", "beta", "sales-invoice", "owner@gateway.test")
        #expect(refused.status != 0 && refused.output.contains("owner address"), "\(refused.output)")
    }

    @Test("a foreign VAT number with wrong check digits is refused, naming the country's rule")
    func foreignVAT() {
        let result = addDossier(vat: "DE136695977")
        #expect(result.status != 0 && result.output.contains("check digits") && result.output.contains("DE"), "\(result.output)")
    }
}
