import Foundation

/// What recording one message changed, for the pass's report and the service log.
struct InboundEffect {
    var changedDelivery = false
    var challenged = false
    var unmatched = false
    var duplicate = false
    var unreadable = false
    /// What the service log says about it: a bounce applied, or a reply tied to a delivery.
    var event: InboundEvent?
}

/// Records each message the inbox reads, with what it changed, in one transaction with the
/// folder's cursor: a pass that dies between two messages resumes after the last one recorded.
struct InboundRecording: Sendable {
    let services: GatewayServices

    /// Classifies one message and records it with its effect; the same bytes again (a folder
    /// rebuilt with a new UIDVALIDITY, a copy, another worker's pass) are recorded once and
    /// applied once.
    func record(_ raw: Data, at place: MailboxPlace) throws -> InboundEffect {
        let rawHash = try services.blobs.put(raw)
        let classification = InboundClassifier.classify(raw, own: services.ownAddresses)
        let parsed = MailMessage(raw)
        let unreadable = parsed.headers.isEmpty
        let now = services.clock()
        let effect = try services.store.write { tx in
            var effect = InboundEffect()
            effect.unreadable = unreadable
            if let first = try tx.claimFirstInbound(rawSHA256: rawHash) {
                if unreadable {
                    // Left for a person the first time: so again, and this UID must be known as
                    // such, or the next pass would move it away with the processed mail.
                    var again = first
                    again.id = nil
                    again.folder = place.folder.name
                    again.uidValidity = place.folder.uidValidity
                    again.uid = place.uid
                    again.receivedAt = now
                    try tx.insert(&again)
                }
                try tx.save(place.cursorPast)
                effect.duplicate = true
                return effect
            }
            let correlation = try InboundCorrelator(services: services).correlate(parsed, classification, tx)
            effect.changedDelivery = correlation.changedDelivery
            effect.challenged = correlation.challenged
            effect.unmatched = correlation.deliveryID == nil
            if correlation.changedDelivery || classification.kind == .reply, let id = correlation.deliveryID,
               let answered = try tx.answeredDelivery(id: id) {
                effect.event = InboundEvent(classification, answered: answered, bounced: correlation.changedDelivery)
            }
            var record = InboundRecord(
                id: nil, receivedAt: now, folder: place.folder.name, uidValidity: place.folder.uidValidity, uid: place.uid,
                kind: classification.kind, fromAddress: classification.from, subject: classification.subject,
                summary: unreadable ? "unreadable (no mail headers): left in \(place.folder.name) for a person" : Self.summary(classification),
                messageID: parsed.header("Message-ID"), deliveryID: correlation.deliveryID,
                verpValid: correlation.trust.isVerified, trust: correlation.trust, rawSHA256: rawHash, leftInFolder: unreadable)
            try tx.insert(&record)
            try tx.save(place.cursorPast)
            return effect
        }
        if let event = effect.event {
            services.logger.event(event.name, level: event.name == "bounce" ? .warning : .info, event.message, event.fields)
        }
        return effect
    }

    static func summary(_ classification: InboundClassification) -> String {
        switch classification.kind {
        case .bounce, .delay:
            return classification.recipients.map { recipient in
                [recipient.address, recipient.status ?? "", recipient.reason].filter { !$0.isEmpty }.joined(separator: " ")
            }.joined(separator: "; ")
        case .challenge where !classification.recipients.isEmpty:
            return "held for a challenge-response answer: " + classification.recipients.map(\.address).joined(separator: ", ")
        default:
            return (classification.subject ?? "").singleLine
        }
    }
}

/// The log line for a bounce applied to a delivery, or a reply tied to one.
struct InboundEvent {
    var name: String
    var message: String
    var fields: KeyValuePairs<String, String?>

    init(_ classification: InboundClassification, answered: AnsweredDelivery, bounced: Bool) {
        let delivery = answered.delivery, id = delivery.id ?? 0
        if bounced {
            name = "bounce"
            message = "bounce applied to delivery \(id): \(delivery.bounceRecipient ?? "?") \(delivery.bounceStatus ?? "")"
            fields = ["dossier": answered.dossier, "document": "\(delivery.documentID)", "route": delivery.routeKind?.rawValue,
                      "recipients": delivery.bounceRecipient, "reply": delivery.bounceDiagnostic ?? delivery.bounceReason]
        } else {
            name = "reply"
            message = "reply from \((classification.from ?? "?").singleLine) about delivery \(id)"
            fields = ["dossier": answered.dossier, "document": "\(delivery.documentID)", "route": delivery.routeKind?.rawValue]
        }
    }
}
