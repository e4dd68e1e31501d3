import Foundation

/// Writes what the server said about one claimed delivery: per recipient, and the delivery's
/// new state. Only the claim this worker still holds is settled: a bounce the inbox applied
/// meanwhile (an earlier attempt that did arrive, then bounced), or a takeover after the lease
/// ran out, stands.
struct DeliverySettlement: Sendable {
    let services: GatewayServices
    let worker: SendWorker

    func record(_ transfer: SMTPTransfer, deliveryID: Int64, mail: PreparedMail, into report: inout SendReport) throws {
        let now = services.clock()
        let recipients = mail.recipients
        let retry = services.settings.retry
        let (state, nextTry, settled): (DeliveryState?, Date?, Bool) = try services.store.writeLocking { tx in
            guard var delivery = try tx.delivery(id: deliveryID) else { return (nil, nil, false) }
            guard delivery.state == .sending, delivery.claimedBy == worker.id else { return (delivery.state, nil, false) }
            let rows = recipients.map { address in
                let reply = transfer.recipientReplies[address.value]
                let state: DeliveryState
                switch transfer.outcome {
                case .accepted: state = reply.map { $0.isPositive ? .sent : ($0.isTransient ? .deferred : .failed) } ?? .sent
                case .transientFailure: state = .deferred
                case .permanentFailure: state = reply?.isTransient == true ? .deferred : .failed
                }
                return RecipientRecord(id: nil, deliveryID: deliveryID, address: address.value, state: state, smtpReply: reply?.text)
            }
            var followUp: DeliveryRecord?
            delivery.updatedAt = now
            switch transfer.outcome {
            case .accepted(let reply):
                delivery.state = .sent
                delivery.sentAt = now
                delivery.lastReply = reply.text
                delivery.dueAt = nil
                // Addresses that answered 4xx did not get it: a follow-up delivery retries them alone.
                let later = recipients.filter { transfer.recipientReplies[$0.value]?.isTransient == true }
                if !later.isEmpty, let next = retry.nextAttempt(attempts: 1, firstAttempt: now, now: now) {
                    var retrying = DeliveryRecord.new(documentID: delivery.documentID, routeKind: delivery.routeKind,
                                                      state: .deferred, dueAt: next, now: now)
                    retrying.onlyRecipients = later.map(\.value).joined(separator: ",")
                    retrying.lastReply = "retrying \(later.map(\.value).joined(separator: ", ")) after a temporary refusal"
                    followUp = retrying
                }
            case .transientFailure(let reason):
                let next = retry.nextAttempt(attempts: delivery.attempts, firstAttempt: delivery.firstAttemptAt ?? now, now: now)
                delivery.state = next == nil ? .failed : .deferred
                delivery.dueAt = next
                delivery.lastReply = next == nil ? "\(RetryPolicy.gaveUpPrefix) \(delivery.attempts) attempts: \(reason)" : reason
            case .permanentFailure(let reason):
                delivery.state = .failed
                delivery.lastReply = reason
                delivery.dueAt = nil
            }
            guard try tx.settle(delivery, by: worker.id, recipients: rows, followUp: followUp) else { return (nil, nil, false) }
            return (delivery.state, delivery.dueAt, true)
        }
        tell(transfer, state: state, settled: settled, nextTry: nextTry, deliveryID: deliveryID, mail: mail, into: &report)
    }

    /// A refused login: nothing went out, the delivery is put back as it was before the claim.
    func undo(_ mail: PreparedMail) throws {
        _ = try services.store.writeLocking { tx in try tx.settle(mail.claimedFrom, by: worker.id, recipients: nil, followUp: nil) }
    }

    private func tell(_ transfer: SMTPTransfer, state: DeliveryState?, settled: Bool, nextTry: Date?, deliveryID: Int64,
                        mail: PreparedMail, into report: inout SendReport) {
        let logger = services.logger
        let reason = transfer.reason
        let fields = mail.about.fields(recipients: mail.recipients, reply: reason, nextTry: nextTry)
        let document = "document \(mail.about.documentID) (\(mail.about.number.singleLine))"
        switch (state, settled) {
        case (.sent, true):
            report.sent += 1
            logger.event("sent", "\(document) sent to its \(mail.about.route.rawValue) route", fields)
        case (.deferred, true):
            report.deferred += 1
            report.problems.append("delivery \(deliveryID) deferred: \(reason)")
            logger.event("deferred", level: .notice, "\(document) deferred, tried again later", fields)
        case (.bounced, _):
            report.failed += 1
            report.problems.append("delivery \(deliveryID) bounced while it was being sent again; the bounce stands")
            logger.event("bounced", level: .warning, "\(document) bounced while it was being sent again", fields)
        case (.sending, false):
            report.problems.append("delivery \(deliveryID): its claim ran out before the server answered; another worker took it over")
            logger.warning("delivery \(deliveryID): the claim ran out before the server answered (\(reason)); another worker took it over")
        default:
            report.failed += 1
            report.problems.append("delivery \(deliveryID) failed: \(reason)")
            logger.event("failed", level: .warning, "\(document) failed", fields)
        }
    }
}

extension SMTPTransfer {
    /// What the server said, for the owner and the log.
    var reason: String {
        switch outcome {
        case .accepted(let reply): reply.text
        case .transientFailure(let text), .permanentFailure(let text): text
        }
    }
}
