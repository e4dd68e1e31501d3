import Foundation

extension GatewayServices {
    /// The VERP token of the address the mail was delivered to: the topmost `Delivered-To` or
    /// `X-Original-To` (the receiving server writes them above everything the sender wrote), or
    /// the IMAP account's own address when it carries one. Never `To:` or a lower trace field:
    /// those are anyone's to write.
    func envelopeVerdict(_ message: MailMessage) -> VERPVerdict? {
        guard let bounce = settings.bounceAddress else { return nil }
        let candidates = [message.headers.first(of: ["Delivered-To", "X-Original-To"]), settings.imap?.username]
        let verdicts = candidates.compactMap { $0.flatMap { verp.verify(address: $0, bounceAddress: bounce) } }
        return verdicts.first(where: \.valid) ?? verdicts.first
    }

    /// The envelope sender (every VERP form of it) and the Reply-To address: never a failed recipient.
    var ownAddresses: OwnAddresses {
        OwnAddresses(bounce: settings.bounceAddress, others: [settings.replyAddress].compactMap { $0 })
    }
}
