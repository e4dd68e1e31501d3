import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// Challenge-response systems and aliased recipients, through the real inbox.
@Suite("Challenges and aliases on the real stack")
struct ChallengeStackTests {
    init() { MailStack.reset() }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func delivery(_ test: TestGateway) throws -> DeliveryStatus {
        try #require(try test.gateway.status(dossier: "acme").first?.deliveries.first)
    }

    /// A sent invoice whose delivery a challenge-response system answered with `notice`, read in.
    func challenged(_ test: TestGateway, notice: String) async throws -> (Int64, String) {
        let (id, messageID) = try await StackMail.sentInvoice(test)
        let challenge = StackMail.report(test.gateway, deliveryID: id, original: messageID, notice: notice,
                                         action: "delayed", status: "4.7.0", finalRecipient: "inkoop@acct.test")
        try await StackMail.deliver(challenge.text, from: "postmaster@gateway.test", to: challenge.to)
        try await StackMail.readUntil(test.gateway) { try delivery(test).state == .challenged }
        return (id, messageID)
    }

    @Test("a challenge makes the delivery challenged (status and --json say so); a later bounce still applies")
    func challengeThenBounce() async throws {
        let test = try TestGateway.make()
        let (id, messageID) = try await challenged(test, notice: "Your message is held. Please confirm that you are a person: https://cr.example/c/1")
        #expect(try delivery(test).state == .challenged && delivery(test).bounce == nil)
        let json = try Self.json(try #require(try test.gateway.status(dossier: "acme").first))
        #expect(json.contains("\"state\":\"challenged\""), "\(json)")
        #expect(try test.gateway.status(dossier: "acme").first?.inbound.first?.kind == .challenge)
        try test.gateway.dossiers.setOwnerEmail(dossier: "acme", "owner@gateway.test")
        let digest = try #require(try await test.gateway.digests.next(dossier: "acme", dryRun: true))
        #expect(digest.text.contains("challenge-response") && digest.text.contains("ledgermail inbox acme"), "\(digest.text)")
        let quarter = try test.gateway.periodPlanning.plan(dossier: "acme", period: try Period(parsing: "2026-Q4"))
        #expect(quarter.challenged.count == 1 && quarter.sentBefore.isEmpty, "the quarter end does not call it in")

        // The alias expanded the address we sent to: the report names it as Original-Recipient only.
        let bounce = StackMail.report(test.gateway, deliveryID: id, original: messageID, notice: "could not be delivered",
                                      action: "failed", status: "5.1.1", finalRecipient: "jan.peeters@mail.acct.test",
                                      originalRecipient: "inkoop@acct.test")
        try await StackMail.deliver(bounce.text, from: "postmaster@gateway.test", to: bounce.to)
        try await StackMail.readUntil(test.gateway) { try delivery(test).state == .bounced }
        #expect(try delivery(test).state == .bounced)
        #expect(try delivery(test).bounce?.recipient == "inkoop@acct.test")
    }

    @Test("the accountant's reply to a challenged document means it got through: sent again")
    func replyAnswersChallenge() async throws {
        let test = try TestGateway.make()
        let (_, messageID) = try await challenged(test, notice: "You are now on my guest list once you confirm: https://cr.example/c/2")
        #expect(try delivery(test).state == .challenged)
        try await StackMail.deliver("""
            From: Boekhouder <boekhouder@acct.test>
            To: bounces@gateway.test
            Subject: Re: factuur
            In-Reply-To: \(messageID)

            Ontvangen, dank u.
            """, from: "boekhouder@acct.test", to: "bounces@gateway.test")
        try await StackMail.readUntil(test.gateway) { try delivery(test).state == .sent }
        #expect(try delivery(test).state == .sent)
    }

    @Test("a report naming the address we sent to only as Final-Recipient is tied to it; classify says both")
    func finalRecipientTied() async throws {
        let test = try TestGateway.make()
        let (id, messageID) = try await StackMail.sentInvoice(test)
        let bounce = StackMail.report(test.gateway, deliveryID: id, original: messageID, notice: "could not be delivered",
                                      action: "failed", status: "5.1.1", finalRecipient: "inkoop@acct.test",
                                      originalRecipient: "old-alias@acct.test")
        // As the mailbox holds it: the receiving server wrote the envelope address on top.
        let report = test.gateway.classification.report(Data("Delivered-To: \(bounce.to)\n\(bounce.text)".utf8), file: "bounce.eml")
        let recipient = try #require(report.classification.recipients.first)
        #expect(recipient.address == "inkoop@acct.test" && recipient.finalRecipient == "inkoop@acct.test")
        let json = try Self.json(report)
        #expect(json.contains("\"final_recipient\":\"inkoop@acct.test\""), "\(json)")
        try await StackMail.deliver(bounce.text, from: "postmaster@gateway.test", to: bounce.to)
        try await StackMail.readUntil(test.gateway) { try delivery(test).state == .bounced }
        #expect(try delivery(test).bounce?.recipient == "inkoop@acct.test")
    }
}
}
