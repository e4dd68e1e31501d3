import Foundation

/// What an inbound mail concerns and what it may change: the trust rule of the README's
/// security section in one place.
struct InboundCorrelation {
    /// The delivery it changed, or is linked to for display (by a quoted Message-ID).
    var deliveryID: Int64?
    var trust: InboundTrust
    var changedDelivery = false
    /// A challenge-response system now holds the delivery's mail (`challenged`).
    var challenged = false
}

/// Ties an inbound mail to its delivery and applies what it may change, inside the
/// transaction that records it.
struct InboundCorrelator {
    let services: GatewayServices

    /// A valid token in the envelope ties a mail to its delivery only if this database has it,
    /// and the returned original is not another delivery's mail (a restored database may reuse
    /// an id). An unknown quoted Message-ID is fine: relays such as Amazon SES write their own.
    /// A bounce then changes only what it may (`applyBounce`); anything untrusted changes
    /// nothing, and the Message-ID may still link it for display.
    func correlate(_ message: MailMessage, _ classification: InboundClassification, _ tx: any StoreTransaction) throws -> InboundCorrelation {
        var result = InboundCorrelation(deliveryID: nil, trust: .noEnvelopeToken)
        let now = services.clock()
        if let verdict = services.envelopeVerdict(message), verdict.valid {
            if let answered = try tx.answeredDelivery(id: verdict.deliveryID) {
                if try quotesAnotherDelivery(classification.originalMessageID, than: answered.delivery, tx) {
                    result.trust = .quotesAnotherDelivery
                } else {
                    result.deliveryID = verdict.deliveryID
                    result.trust = .verified
                }
            } else {
                result.trust = .unknownDelivery
            }
        }
        if result.deliveryID == nil, let id = classification.originalMessageID ?? classification.inReplyTo
            ?? classification.references.last {
            result.deliveryID = try tx.deliveryID(messageID: id)
        }
        if result.trust == .verified, let id = result.deliveryID, classification.kind == .bounce {
            // Tied to the address we sent to, whether the report names it as original or final recipient.
            let tied = classification.tied(to: try tx.sentAddresses(ofDelivery: id))
            result.trust = try applyBounce(tied, deliveryID: id, at: now, tx)
            result.changedDelivery = result.trust == .verified
        } else if result.trust == .verified, let id = result.deliveryID, classification.kind == .challenge {
            // A bounced or failed delivery keeps its worse news.
            result.challenged = try tx.markChallenged(deliveryID: id, at: now)
        }
        // An answer means the mail got through the challenge (a bounce still applies later): a
        // person's reply, or a success report that carries our token.
        if let id = result.deliveryID, classification.kind == .reply || (classification.kind == .delivered && result.trust == .verified) {
            try tx.markChallengeAnswered(deliveryID: id, at: now)
        }
        return result
    }

    /// A bounce with a trusted token changes only the recipients it names that the delivery
    /// had; the delivery is `bounced` once none of its recipients is left delivered. Applied
    /// twice, it changes nothing the second time.
    private func applyBounce(_ classification: InboundClassification, deliveryID: Int64, at now: Date,
                             _ tx: any StoreTransaction) throws -> InboundTrust {
        let failed = classification.recipients.filter(\.permanent)
        let sentTo = Set(try tx.sentAddresses(ofDelivery: deliveryID).map { $0.lowercased() })
        guard failed.contains(where: { sentTo.contains($0.address.lowercased()) }) else { return .recipientNotOfDelivery }
        let marked = try tx.markRecipientsBounced(failed.map(\.address), deliveryID: deliveryID)
        if !marked.stillDelivered,
           let reported = failed.first(where: { $0.address.lowercased() == marked.changed.last?.lowercased() }) ?? failed.first {
            try tx.markBounced(deliveryID: deliveryID, BounceFacts(recipient: reported.address, status: reported.status,
                                                                  reason: reported.reason, diagnostic: reported.diagnostic), at: now)
        }
        return .verified
    }

    private func quotesAnotherDelivery(_ original: String?, than delivery: DeliveryRecord, _ tx: any StoreTransaction) throws -> Bool {
        guard let original, original != delivery.messageID else { return false }
        return try tx.deliveryID(messageID: original) != nil
    }
}
