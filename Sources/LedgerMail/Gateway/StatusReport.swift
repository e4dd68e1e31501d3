import Foundation
import GRDB

/// One document as `status` shows it: its deliveries and what came back. Encodes to the
/// `status --json` line format (every key present, null when unknown).
public struct DocumentStatus: Sendable, Encodable {
    public var id: Int64
    public var number: String
    public var kind: String?
    public var issueDate: String?
    public var counterparty: String?
    public var file: String
    public var version: Int
    public var heldReason: String?
    public var deliveries: [DeliveryStatus]
    public var inbound: [InboundStatus]

    enum CodingKeys: String, CodingKey {
        case id, number, kind, issueDate = "issue_date", counterparty, file, version, heldReason = "held_reason", deliveries, inbound
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(number, forKey: .number)
        try c.encode(kind, forKey: .kind)
        try c.encode(issueDate, forKey: .issueDate)
        try c.encode(counterparty, forKey: .counterparty)
        try c.encode(file, forKey: .file)
        try c.encode(version, forKey: .version)
        try c.encode(heldReason, forKey: .heldReason)
        try c.encode(deliveries, forKey: .deliveries)
        try c.encode(inbound, forKey: .inbound)
    }
}

public struct DeliveryStatus: Sendable, Encodable {
    public var id: Int64
    public var route: String?
    public var state: DeliveryState
    public var dueAt: Date?
    public var sentAt: Date?
    public var attempts: Int
    public var messageID: String?
    public var lastReply: String?
    public var recipients: [RecipientStatus]
    public var bounce: BounceStatus?

    enum CodingKeys: String, CodingKey {
        case route, state, dueAt = "due_at", sentAt = "sent_at", attempts, messageID = "message_id", recipients, bounce
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(route, forKey: .route)
        try c.encode(state, forKey: .state)
        try c.encode(dueAt, forKey: .dueAt)
        try c.encode(sentAt, forKey: .sentAt)
        try c.encode(attempts, forKey: .attempts)
        try c.encode(messageID, forKey: .messageID)
        try c.encode(recipients, forKey: .recipients)
        try c.encode(bounce, forKey: .bounce)
    }
}

public struct RecipientStatus: Sendable, Encodable {
    public var address: String
    public var state: String
    public var smtpReply: String?

    enum CodingKeys: String, CodingKey { case address, state, smtpReply = "smtp_reply" }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(address, forKey: .address)
        try c.encode(state, forKey: .state)
        try c.encode(smtpReply, forKey: .smtpReply)
    }
}

public struct BounceStatus: Sendable, Encodable {
    public var recipient: String?
    public var status: String?
    public var reason: String?
    public var diagnostic: String?

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(recipient, forKey: .recipient)
        try c.encode(status, forKey: .status)
        try c.encode(reason, forKey: .reason)
        try c.encode(diagnostic, forKey: .diagnostic)
    }

    enum CodingKeys: String, CodingKey { case recipient, status, reason, diagnostic }
}

public struct InboundStatus: Sendable, Encodable {
    public var kind: String
    public var receivedAt: Date
    public var from: String?
    public var summary: String

    enum CodingKeys: String, CodingKey { case kind, receivedAt = "received_at", from, summary }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(kind, forKey: .kind)
        try c.encode(receivedAt, forKey: .receivedAt)
        try c.encode(from, forKey: .from)
        try c.encode(summary, forKey: .summary)
    }
}

extension Gateway {
    /// Every current document of the dossier (older versions stay in history), oldest first.
    public func status(dossier name: String) throws -> [DocumentStatus] {
        try database.read { db in
            _ = try requireDossier(name, db)
            let documents = try DocumentRecord.filter(Column("dossier") == name && Column("supersededBy") == nil)
                .order(Column("id")).fetchAll(db)
            return try documents.map { document in
                let deliveries = try DeliveryRecord.filter(Column("documentID") == document.id!).order(Column("id")).fetchAll(db)
                var inbound: [InboundStatus] = []
                let statuses = try deliveries.map { delivery -> DeliveryStatus in
                    let recipients = try RecipientRecord.filter(Column("deliveryID") == delivery.id!).order(Column("id")).fetchAll(db)
                    inbound += try InboundRecord.filter(Column("deliveryID") == delivery.id!).order(Column("id")).fetchAll(db).map {
                        InboundStatus(kind: $0.kind, receivedAt: $0.receivedAt, from: $0.fromAddress, summary: $0.summary)
                    }
                    let bounce = delivery.bounceStatus == nil && delivery.bounceRecipient == nil ? nil :
                        BounceStatus(recipient: delivery.bounceRecipient, status: delivery.bounceStatus,
                                     reason: delivery.bounceReason, diagnostic: delivery.bounceDiagnostic)
                    return DeliveryStatus(
                        id: delivery.id!, route: delivery.routeKind, state: DeliveryState(rawValue: delivery.state) ?? .held,
                        dueAt: delivery.dueAt, sentAt: delivery.sentAt, attempts: delivery.attempts,
                        messageID: delivery.messageID, lastReply: delivery.lastReply,
                        recipients: recipients.map { RecipientStatus(address: $0.address, state: $0.state, smtpReply: $0.smtpReply) },
                        bounce: bounce)
                }
                return DocumentStatus(
                    id: document.id!, number: document.number, kind: document.kind, issueDate: document.issueDate,
                    counterparty: document.counterparty, file: document.fileName, version: document.version,
                    heldReason: document.heldReason, deliveries: statuses, inbound: inbound)
            }
        }
    }
}
