import Foundation
import GRDB

/// One document of a period, as the quarter-end send and its notification see it.
public struct PeriodDocument: Sendable, Equatable {
    public var documentID: Int64
    public var number: String
    public var kind: DocumentKind?
    public var counterparty: String?
    /// Its (first) delivery: what will happen or has happened.
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

extension Gateway {
    /// Every current document of the period (by issue date, else import date) with its state.
    /// An issue date that is no calendar date counts as absent: the document still belongs to
    /// some period (its import day's) rather than to none.
    public func planPeriod(dossier name: String, period: Period) throws -> PeriodPlan {
        try database.read { db in
            let dossier = try Dossier(try requireDossier(name, db))
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = dossier.resolvedTimeZone
            formatter.dateFormat = "yyyy-MM-dd"
            let documents = try DocumentRecord.filter(Column("dossier") == name && Column("supersededBy") == nil)
                .order(Column("id")).fetchAll(db)
            var result: [PeriodDocument] = []
            for document in documents
            where period.contains(day: document.issueDate.flatMap(Period.calendarDay) ?? formatter.string(from: document.importedAt)) {
                let delivery = try DeliveryRecord.filter(Column("documentID") == document.id!).order(Column("id").desc).fetchOne(db)
                let state = delivery?.state ?? .held
                result.append(PeriodDocument(
                    documentID: document.id!, number: document.number, kind: document.kind,
                    counterparty: document.counterparty, deliveryID: delivery?.id, state: state,
                    reason: document.heldReason ?? delivery?.bounceReason.map { "\($0) (\(delivery?.bounceRecipient ?? ""))" }
                        ?? (state == .failed ? delivery?.lastReply : nil)))
            }
            return PeriodPlan(period: period, documents: result)
        }
    }
}
