import Foundation

// How the stored records read as `status` shows them.

extension DeliveryStatus {
    init(_ delivery: DeliveryRecord, recipients: [RecipientRecord], inbound: [InboundRecord]) {
        // A verified bounce is the delivery's own; otherwise the latest unverified one is shown
        // as such (it changed nothing).
        let unverified = inbound.last { $0.kind == .bounce && !$0.isVerified }
        let bounce = delivery.bounceStatus == nil && delivery.bounceRecipient == nil
            ? unverified.map { BounceStatus(recipient: nil, status: nil, reason: nil, diagnostic: $0.summary, verified: false) }
            : BounceStatus(recipient: delivery.bounceRecipient, status: delivery.bounceStatus,
                           reason: delivery.bounceReason, diagnostic: delivery.bounceDiagnostic, verified: true)
        self.init(id: delivery.id!, route: delivery.routeKind, state: delivery.state,
                  dueAt: delivery.dueAt, sentAt: delivery.sentAt, attempts: delivery.attempts,
                  messageID: delivery.messageID, lastReply: delivery.lastReply,
                  recipients: recipients.map { RecipientStatus(address: $0.address, state: $0.state, smtpReply: $0.smtpReply) },
                  bounce: bounce, collectedAt: delivery.collectedAt, collectedBy: delivery.collectedBy)
    }
}

extension InboundStatus {
    init(_ record: InboundRecord) {
        self.init(kind: record.kind, receivedAt: record.receivedAt, from: record.fromAddress, summary: record.summary,
                  verified: record.isVerified, unverifiedBecause: record.unverifiedBecause)
    }
}
