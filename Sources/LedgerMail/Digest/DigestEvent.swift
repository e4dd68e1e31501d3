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
        var events = try tx.troubledDeliveries(dossier: dossier).map { trouble($0.outcome, of: $0.document) }
        events += try tx.heldDocuments(dossier: dossier).map { document in
            DigestEvent(kind: .held, subjectID: document.id ?? 0, documentID: document.id ?? 0, number: document.number,
                        documentKind: document.kind, held: document.heldBecause, counterparty: document.counterparty,
                        detail: document.heldReason)
        }
        events += try tx.replies(dossier: dossier).map { reply in
            let document = reply.document
            return DigestEvent(kind: .reply, subjectID: reply.replyID, documentID: document.documentID, number: document.number,
                               documentKind: document.documentKind, counterparty: document.counterparty, detail: reply.subject,
                               who: reply.fromAddress, receivedAt: reply.receivedAt, rawSHA256: reply.rawSHA256)
        }
        return events.filter { !reported.contains(Key(kind: $0.kind, subjectID: $0.subjectID)) }
    }

    /// A failed, bounced or challenged delivery; a failure after the retries gave up is its own kind.
    private static func trouble(_ delivery: DeliveryOutcome, of document: DocumentSummary) -> DigestEvent {
        let kind: DigestEventKind = switch delivery.state {
        case .bounced: .bounced
        case .challenged: .challenged
        default: delivery.lastReply?.hasPrefix(RetryPolicy.gaveUpPrefix) == true ? .gaveUp : .failed
        }
        let bounce = [delivery.bounceStatus, delivery.bounceReason].compactMap { $0 }.joined(separator: " ")
        return DigestEvent(kind: kind, subjectID: delivery.deliveryID, documentID: document.documentID, number: document.number,
                           documentKind: document.documentKind, counterparty: document.counterparty,
                           detail: kind == .bounced ? bounce : delivery.lastReply, who: delivery.bounceRecipient)
    }

    /// What makes an event the same one again: its kind and subject.
    private struct Key: Hashable {
        var kind: DigestEventKind
        var subjectID: Int64
    }
}
