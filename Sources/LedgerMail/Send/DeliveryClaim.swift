import Foundation

/// One waiting delivery made ready to send by one worker: its mail composed (outside any write
/// transaction: a 50 MB mail must not hold the store), then claimed with a lease, so no other
/// worker sends it while this one does. A mail that cannot be made (too big, nothing to attach,
/// a stored file missing) fails alone; the queue goes on.
struct DeliveryClaim: Sendable {
    let services: GatewayServices
    let worker: SendWorker

    enum Outcome: Sendable {
        case ready(PreparedMail)
        /// The mail cannot be made as the route wants it (too big, nothing to attach): `failed`.
        case refused(String, MailSubject)
        /// A stored file could not be read just now: `deferred`, tried again on the next pass.
        case postponed(String, MailSubject)
    }

    /// Nil when the delivery is no longer there to take (another worker has it, or it changed).
    func take(deliveryID: Int64) throws -> Outcome? {
        let now = services.clock()
        guard let (delivery, document, dossier, route) = try services.store.read({ tx -> (DeliveryRecord, DocumentRecord, Dossier, Route?)? in
            guard let delivery = try tx.claimableDelivery(id: deliveryID, now: now), let kind = delivery.routeKind,
                  let document = try tx.document(id: delivery.documentID) else { return nil }
            return (delivery, document, try Dossier(try tx.requireDossier(document.dossier)),
                    try tx.configuredRoute(dossier: document.dossier, kind: kind))
        }), let kind = delivery.routeKind else { return nil }

        let about = MailSubject(dossier: dossier.name, documentID: document.id!, number: document.number, route: kind)
        guard let route, !route.addresses.isEmpty else {
            try settleUnsent(delivery, .held, HoldReason.noRouteSentence(kind), now: now)
            return nil
        }
        let recipients = delivery.onlyRecipients.map { $0.split(separator: ",").compactMap { try? EmailAddress(String($0)) } } ?? route.addresses
        var claimed = delivery
        claimed.messageID = delivery.messageID ?? MessageComposer.newMessageID(domain: dossier.from.address.domain)
        let message: MIMEPieces
        do {
            var content = try DocumentMail(services: services).compose(document: document, kind: kind, dossier: dossier, route: route,
                                                                messageID: claimed.messageID!, date: now, streamingLargeFiles: true)
            content.to = recipients
            message = try MessageComposer.pieces(content)
            if let cap = route.maxSize, message.count > cap.bytes {
                throw InvalidInput("the mail would be \(ByteSize(bytes: message.count)), over the \(kind.rawValue) route's cap of \(cap); nothing was sent")
            }
        } catch let error as BlobUnreadable {
            // Not an attempt (nothing went out): waits retry.first, then the next pass tries again.
            try settleUnsent(delivery, .deferred, "\(error)", dueAt: now.addingTimeInterval(services.settings.retry.first), now: now)
            return .postponed("\(error)", about)
        } catch {
            let reason = (error as? InvalidInput)?.message ?? "the mail could not be made: \(error)"
            try settleUnsent(delivery, .failed, reason, now: now)
            return .refused(reason, about)
        }
        let leaseUntil = now.addingTimeInterval(SendWorker.lease)
        guard try services.store.writeLocking({ tx in try tx.claim(claimed, by: worker.id, leaseUntil: leaseUntil, now: now) }) else { return nil }
        if delivery.state == .sending {
            services.logger.warning("delivery \(deliveryID) was interrupted while sending (its claim ran out): it goes again with the same Message-ID")
        }
        return .ready(PreparedMail(message: message, recipients: recipients, about: about, claimedFrom: delivery))
    }

    /// A delivery that goes nowhere this time (held, deferred, failed) without an attempt: it is
    /// claimed and settled in one transaction, so a worker that took it meanwhile keeps it.
    private func settleUnsent(_ delivery: DeliveryRecord, _ state: DeliveryState, _ reason: String, dueAt: Date? = nil,
                              now: Date) throws {
        var settled = delivery
        settled.state = state
        settled.lastReply = reason
        settled.updatedAt = now
        if let dueAt { settled.dueAt = dueAt }
        _ = try services.store.writeLocking { tx in
            try tx.claim(delivery, by: worker.id, leaseUntil: now, now: now)
                && tx.settle(settled, by: worker.id, recipients: nil, followUp: nil)
        }
    }
}

struct PreparedMail: Sendable {
    /// Large stored files are read as the mail is uploaded, never held whole.
    var message: MIMEPieces
    var recipients: [EmailAddress]
    var about: MailSubject
    /// The delivery as it was before the claim, put back when the login is refused.
    var claimedFrom: DeliveryRecord
}

/// Which document a mail is about, for the log.
struct MailSubject: Sendable {
    var dossier: String
    var documentID: Int64
    var number: String
    var route: DocumentKind

    func fields(recipients: [EmailAddress] = [], reply: String?, nextTry: Date? = nil) -> KeyValuePairs<String, String?> {
        ["dossier": dossier, "document": "\(documentID)", "route": route.rawValue,
         "recipients": recipients.isEmpty ? nil : recipients.map(\.value).joined(separator: ","), "reply": reply,
         "next_try": nextTry.map { $0.formatted(.iso8601) }]
    }
}
