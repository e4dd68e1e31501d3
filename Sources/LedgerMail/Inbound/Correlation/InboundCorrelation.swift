import Foundation
import GRDB

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

extension Gateway {
    /// A valid token in the envelope ties a mail to its delivery only if this database has it,
    /// and the returned original is not another delivery's mail (a restored database may reuse
    /// an id). An unknown quoted Message-ID is fine: relays such as Amazon SES write their own.
    /// A bounce then changes only what it may (`applyBounce`); anything untrusted changes
    /// nothing, and the Message-ID may still link it for display.
    func correlate(_ message: MailMessage, _ classification: InboundClassification, _ db: Database) throws -> InboundCorrelation {
        var result = InboundCorrelation(deliveryID: nil, trust: .noEnvelopeToken)
        if let verdict = envelopeVerdict(message), verdict.valid {
            if let delivery = try DeliveryRecord.fetchOne(db, key: verdict.deliveryID) {
                if try Self.quotesAnotherDelivery(classification.originalMessageID, than: delivery, db) {
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
            result.deliveryID = try DeliveryRecord.id(messageID: id, db)
        }
        if result.trust == .verified, let id = result.deliveryID, classification.kind == .bounce {
            // Tied to the address we sent to, whether the report names it as original or final recipient.
            let tied = classification.tied(to: try RecipientRecord.addresses(ofDelivery: id, db))
            result.trust = try applyBounce(tied, deliveryID: id, db)
            result.changedDelivery = result.trust == .verified
        } else if result.trust == .verified, let id = result.deliveryID, classification.kind == .challenge,
                  var delivery = try DeliveryRecord.fetchOne(db, key: id) {
            result.challenged = try Self.challenge(&delivery, at: clock(), db)
        }
        // An answer means the mail got through the challenge (a bounce still applies later): a
        // person's reply, or a success report that carries our token.
        if let id = result.deliveryID, classification.kind == .reply || (classification.kind == .delivered && result.trust == .verified) {
            try Self.answerChallenge(deliveryID: id, at: clock(), db)
        }
        return result
    }

    /// A bounce with a trusted token changes only the recipients it names that the delivery
    /// had; the delivery is `bounced` once none of its recipients is left delivered.
    func applyBounce(_ classification: InboundClassification, deliveryID: Int64, _ db: Database) throws -> InboundTrust {
        let failed = classification.recipients.filter(\.permanent)
        guard try RecipientRecord.includesAny(failed.map(\.address), deliveryID: deliveryID, db),
              var delivery = try DeliveryRecord.fetchOne(db, key: deliveryID) else { return .recipientNotOfDelivery }
        let marked = try RecipientRecord.markBounced(failed.map(\.address), deliveryID: deliveryID, db)
        if !marked.stillDelivered, delivery.state != DeliveryState.bounced,
           let reported = failed.first(where: { $0.address.lowercased() == marked.changed.last?.lowercased() }) ?? failed.first {
            delivery.state = DeliveryState.bounced
            delivery.bounceRecipient = reported.address
            delivery.bounceStatus = reported.status
            delivery.bounceReason = reported.reason
            delivery.bounceDiagnostic = reported.diagnostic
            delivery.updatedAt = clock()
            try delivery.update(db)
        }
        return .verified
    }

    static func quotesAnotherDelivery(_ original: String?, than delivery: DeliveryRecord, _ db: Database) throws -> Bool {
        guard let original, original != delivery.messageID else { return false }
        return try DeliveryRecord.id(messageID: original, db) != nil
    }
}
