import Foundation

/// One document of a period, as the quarter-end send and its notification see it.
public struct PeriodDocument: Sendable, Equatable {
    public var documentID: Int64
    public var number: String
    public var kind: DocumentKind?
    public var counterparty: String?
    /// Its latest delivery: what will happen or has happened.
    public var deliveryID: Int64?
    public var state: DeliveryState
    public var reason: String?
}

/// What a period holds and what sending it would do.
public struct PeriodPlan: Sendable {
    public var period: Period
    public var documents: [PeriodDocument]

    /// Waiting (pending, scheduled, deferred): sent by the period send.
    public var toSend: [PeriodDocument] { documents.filter { [.pending, .scheduled, .deferred].contains($0.state) } }
    public var sentBefore: [PeriodDocument] { documents.filter { $0.state == .sent } }
    public var failed: [PeriodDocument] { documents.filter { $0.state == .failed } }
    public var bounced: [PeriodDocument] { documents.filter { $0.state == .bounced } }
    /// Taken by a server that holds them for a challenge-response answer: not in yet.
    public var challenged: [PeriodDocument] { documents.filter { $0.state == .challenged } }
    public var held: [PeriodDocument] { documents.filter { $0.state == .held } }
    /// On pull routes: taken by the accountant's software, and still waiting in the feed.
    public var collected: [PeriodDocument] { documents.filter { $0.state == .collected } }
    public var waitingCollection: [PeriodDocument] { documents.filter { $0.state == .published } }

    /// How many documents of each kind the period holds (unknown kinds under nil).
    public var countsByKind: [(kind: DocumentKind?, count: Int)] {
        let grouped = Dictionary(grouping: documents, by: \.kind)
        return grouped.map { ($0.key, $0.value.count) }.sorted { ($0.kind?.rawValue ?? "~") < ($1.kind?.rawValue ?? "~") }
    }
}

/// `send --period --dry-run`, the web's send page, and what the quarter-end send, mail-out and
/// the period ZIP take: a period's documents, found in one query however large the dossier.
public struct PeriodPlanning: Sendable {
    let services: GatewayServices

    /// Every current document of the period (by issue date, else import date) with its state.
    public func plan(dossier name: String, period: Period) throws -> PeriodPlan {
        PeriodPlan(period: period, documents: try documents(dossier: name, period: period).map(Self.planned))
    }

    /// The period's documents with their latest delivery, by id: those issued in it, and those
    /// without a calendar issue date imported in it (the day in the dossier's time zone); an
    /// issue date that is no calendar date counts as absent, so the document still belongs to
    /// some period rather than to none.
    func documents(dossier name: String, period: Period) throws -> [DocumentOutcome] {
        try services.store.read { tx in
            _ = try tx.requireDossier(name)
            return try tx.periodDocuments(dossier: name, days: (period.firstDay ?? "0000-00-00")...period.lastDay)
        }
    }

    static func planned(_ candidate: DocumentOutcome) -> PeriodDocument {
        let document = candidate.document, delivery = candidate.outcome
        let state = delivery?.state ?? .held
        return PeriodDocument(
            documentID: document.id ?? 0, number: document.number, kind: document.kind, counterparty: document.counterparty,
            deliveryID: delivery?.deliveryID, state: state,
            reason: document.heldReason ?? delivery?.bounceReason.map { "\($0) (\(delivery?.bounceRecipient ?? ""))" }
                ?? (state == .failed ? delivery?.lastReply : nil))
    }
}
