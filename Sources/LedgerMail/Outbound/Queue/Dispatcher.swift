import Foundation
import GRDB

/// What one `send` pass did.
public struct SendReport: Sendable, Equatable {
    public var sent = 0
    public var deferred = 0
    public var failed = 0
    /// Lines for the owner: one per delivery that did not go out, with the reason.
    public var problems: [String] = []
    /// New SMTP connections opened in this pass (one, when all went over one session).
    public var connections = 0
}

/// Which deliveries a send pass takes.
public enum SendSelection: Sendable {
    /// Scheduled or deferred deliveries whose time has come.
    case due
    /// Everything waiting (`send --now`): scheduled, deferred and pending alike.
    case everythingWaiting
}

extension Gateway {
    /// Sends what is due (or everything waiting) for one dossier, or all dossiers when nil,
    /// over one SMTP connection.
    public func send(dossier: String?, selection: SendSelection) async throws -> SendReport {
        let server = try settings.requireSMTP()
        let bounceAddress = try settings.requireBounceAddress()
        if let dossier { _ = try self.dossier(named: dossier) }
        let now = clock()
        let ids = try database.read { db in try Self.waitingDeliveries(dossier: dossier, selection: selection, now: now, db) }
        var report = SendReport()
        guard !ids.isEmpty else { return report }
        let client = try SMTPClient(server: server)
        for id in ids {
            guard let prepared = try claim(deliveryID: id) else { continue }
            let envelope = verp.envelopeSender(bounceAddress: bounceAddress, deliveryID: id)
            let transfer = await client.send(envelopeFrom: envelope, recipients: prepared.recipients, message: prepared.message)
            report.connections += transfer.newConnections
            try record(transfer, deliveryID: id, recipients: prepared.recipients, attempts: prepared.attempts, into: &report)
        }
        return report
    }

    static func waitingDeliveries(dossier: String?, selection: SendSelection, now: Date, _ db: Database) throws -> [Int64] {
        var sql = """
            SELECT delivery.id FROM delivery JOIN document ON document.id = delivery.documentID
            WHERE document.supersededBy IS NULL AND delivery.routeKind IS NOT NULL
            """
        var arguments: StatementArguments = []
        switch selection {
        case .due:
            sql += " AND delivery.state IN ('scheduled', 'deferred') AND delivery.dueAt <= ?"
            arguments += [now]
        case .everythingWaiting:
            sql += " AND delivery.state IN ('scheduled', 'deferred', 'pending')"
        }
        if let dossier {
            sql += " AND document.dossier = ?"
            arguments += [dossier]
        }
        sql += " ORDER BY delivery.dueAt, delivery.id"
        return try Int64.fetchAll(db, sql: sql, arguments: arguments)
    }

    struct PreparedMail {
        var message: Data
        var recipients: [EmailAddress]
        var attempts: Int
    }

    /// Marks a delivery `sending` (only if still waiting: two senders never take the same one),
    /// fixes its Message-ID for good, and composes its mail.
    func claim(deliveryID: Int64) throws -> PreparedMail? {
        try database.write { db in
            guard var delivery = try DeliveryRecord.fetchOne(db, key: deliveryID),
                  [DeliveryState.scheduled, .deferred, .pending].map(\.rawValue).contains(delivery.state),
                  let routeKind = delivery.routeKind, let kind = DocumentKind(rawValue: routeKind),
                  let document = try DocumentRecord.fetchOne(db, key: delivery.documentID) else { return nil }
            let dossier = try Dossier(try requireDossier(document.dossier, db))
            guard let route = try RouteRecord.fetchOne(db, key: ["dossier": dossier.name, "kind": routeKind]).flatMap(Route.init),
                  !route.addresses.isEmpty else {
                delivery.state = DeliveryState.held.rawValue
                delivery.lastReply = Self.noRouteReason(kind)
                try delivery.update(db)
                return nil
            }
            let messageID = delivery.messageID ?? MessageComposer.newMessageID(domain: dossier.from.address.domain)
            let content = try mailContent(document: document, kind: kind, dossier: dossier, to: route.addresses, messageID: messageID)
            delivery.state = DeliveryState.sending.rawValue
            delivery.messageID = messageID
            delivery.attempts += 1
            delivery.updatedAt = clock()
            try delivery.update(db)
            return PreparedMail(message: MessageComposer.compose(content), recipients: route.addresses, attempts: delivery.attempts)
        }
    }

    /// The document mail: text from the dossier's language template, UBL and PDF attached.
    func mailContent(document: DocumentRecord, kind: DocumentKind, dossier: Dossier, to: [EmailAddress],
                     messageID: String) throws -> MailContent {
        var attachments: [MailAttachment] = []
        if let ubl = document.ublSHA256 {
            attachments.append(MailAttachment(fileName: document.attachmentBase + ".xml", mimeType: "application/xml", data: try blobs.get(ubl)))
        }
        if let pdf = document.pdfSHA256 {
            attachments.append(MailAttachment(fileName: document.attachmentBase + ".pdf", mimeType: "application/pdf", data: try blobs.get(pdf)))
        }
        let values: [String: Any] = [
            "company": dossier.company.singleLine,
            "kind_label": kind.label(dossier.language),
            "kind_label_lower": kind.label(dossier.language).lowercased(),
            "number": document.number.singleLine,
            "counterparty": document.counterparty?.singleLine ?? "",
            "issue_date": document.issueDate ?? "",
            "attachment_list": attachments.map(\.fileName).joined(separator: ", "),
        ]
        return MailContent(
            from: dossier.from, to: to, replyTo: settings.replyAddress,
            subject: templates.render("document-subject", language: dossier.language, values).singleLine,
            text: templates.render("document", language: dossier.language, values),
            attachments: attachments, messageID: messageID, date: clock())
    }

    /// Writes what the server said: per recipient, and the delivery's new state.
    func record(_ transfer: SMTPTransfer, deliveryID: Int64, recipients: [EmailAddress], attempts: Int,
                into report: inout SendReport) throws {
        let now = clock()
        let summary: String = try database.write { db in
            guard var delivery = try DeliveryRecord.fetchOne(db, key: deliveryID) else { return "" }
            try RecipientRecord.filter(Column("deliveryID") == deliveryID).deleteAll(db)
            for address in recipients {
                let reply = transfer.recipientReplies[address.value]
                let state: DeliveryState
                switch transfer.outcome {
                case .accepted: state = reply.map { $0.isPositive ? .sent : ($0.isTransient ? .deferred : .failed) } ?? .sent
                case .transientFailure: state = .deferred
                case .permanentFailure: state = reply?.isTransient == true ? .deferred : .failed
                }
                var row = RecipientRecord(id: nil, deliveryID: deliveryID, address: address.value, state: state.rawValue,
                                          smtpReply: reply?.text)
                try row.insert(db)
            }
            delivery.updatedAt = now
            switch transfer.outcome {
            case .accepted(let reply):
                delivery.state = DeliveryState.sent.rawValue
                delivery.sentAt = now
                delivery.lastReply = reply.text
                delivery.dueAt = nil
            case .transientFailure(let reason):
                let next = RetryPolicy.standard.nextAttempt(after: attempts, now: now)
                delivery.state = (next == nil ? DeliveryState.failed : .deferred).rawValue
                delivery.dueAt = next
                delivery.lastReply = reason
            case .permanentFailure(let reason):
                delivery.state = DeliveryState.failed.rawValue
                delivery.lastReply = reason
                delivery.dueAt = nil
            }
            try delivery.update(db)
            return delivery.state
        }
        switch summary {
        case DeliveryState.sent.rawValue: report.sent += 1
        case DeliveryState.deferred.rawValue:
            report.deferred += 1
            report.problems.append("delivery \(deliveryID) deferred: \(Self.reason(transfer))")
        default:
            report.failed += 1
            report.problems.append("delivery \(deliveryID) failed: \(Self.reason(transfer))")
        }
        logger.info("delivery \(deliveryID): \(summary) — \(Self.reason(transfer))")
    }

    static func reason(_ transfer: SMTPTransfer) -> String {
        switch transfer.outcome {
        case .accepted(let reply): reply.text
        case .transientFailure(let text), .permanentFailure(let text): text
        }
    }
}

/// When a temporarily failed delivery is tried again: Postfix's defaults, 5 minutes doubling
/// up to about 67, given up after 5 days.
public struct RetryPolicy: Sendable {
    public var first: TimeInterval = 300
    public var maximum: TimeInterval = 4000
    public var giveUpAfterAttempts: Int

    public static let standard = RetryPolicy(giveUpAfterAttempts: 110)

    /// The time of the next attempt after `attempts` tries, or nil to give up.
    public func nextAttempt(after attempts: Int, now: Date) -> Date? {
        guard attempts < giveUpAfterAttempts else { return nil }
        let delay = min(maximum, first * pow(2, Double(max(0, attempts - 1))))
        return now.addingTimeInterval(delay)
    }
}
