import Foundation

/// An event not yet reported, with what the digest says about its document.
struct DigestEvent: Sendable, Equatable {
    var kind: DigestEventKind
    var subjectID: Int64
    var documentID: Int64
    var number: String
    var documentKind: DocumentKind?
    /// Why a held document waits.
    var held: HoldReason? = nil
    var counterparty: String?
    /// The server's words, the bounce reason, the held reason, or the reply's subject.
    var detail: String?
    /// The failed recipient, or who replied.
    var who: String?
    var receivedAt: Date?
    var rawSHA256: String?
}

extension DigestEvent {
    /// Every event of the dossier's current documents that no digest reported yet, oldest first
    /// within each sort: trouble, held documents, replies.
    static func unreported(dossier: String, _ tx: any StoreTransaction) throws -> [DigestEvent] {
        let reported = Set(try tx.reportedDigestEvents(dossier: dossier).map { Key(kind: $0.kind, subjectID: $0.subjectID) })
        var events = try tx.troubledDeliveries(dossier: dossier).compactMap { pair in pair.delivery.map { trouble($0, of: pair.document) } }
        events += try tx.heldDocuments(dossier: dossier).map { document in
            DigestEvent(kind: .held, subjectID: document.id ?? 0, documentID: document.id ?? 0, number: document.number,
                        documentKind: document.kind, held: document.heldBecause, counterparty: document.counterparty,
                        detail: document.heldReason)
        }
        events += try tx.replies(dossier: dossier).map { reply in
            let document = reply.document, inbound = reply.inbound
            return DigestEvent(kind: .reply, subjectID: inbound.id ?? 0, documentID: document.id ?? 0, number: document.number,
                               documentKind: document.kind, counterparty: document.counterparty, detail: inbound.subject,
                               who: inbound.fromAddress, receivedAt: inbound.receivedAt, rawSHA256: inbound.rawSHA256)
        }
        return events.filter { !reported.contains(Key(kind: $0.kind, subjectID: $0.subjectID)) }
    }

    /// A failed, bounced or challenged delivery; a failure after the retries gave up is its own kind.
    private static func trouble(_ delivery: DeliveryRecord, of document: DocumentRecord) -> DigestEvent {
        let kind: DigestEventKind = switch delivery.state {
        case .bounced: .bounced
        case .challenged: .challenged
        default: delivery.lastReply?.hasPrefix(RetryPolicy.gaveUpPrefix) == true ? .gaveUp : .failed
        }
        let bounce = [delivery.bounceStatus, delivery.bounceReason].compactMap { $0 }.joined(separator: " ")
        return DigestEvent(kind: kind, subjectID: delivery.id ?? 0, documentID: document.id ?? 0, number: document.number,
                           documentKind: document.kind, counterparty: document.counterparty,
                           detail: kind == .bounced ? bounce : delivery.lastReply, who: delivery.bounceRecipient)
    }

    /// What makes an event the same one again: its kind and subject.
    private struct Key: Hashable {
        var kind: DigestEventKind
        var subjectID: Int64
    }
}
