import Foundation

/// One line of `ledgermail classify --json`: what the classifier makes of a mail file.
public struct ClassificationReport: Sendable, Encodable {
    public var file: String
    public var classification: InboundClassification
    /// The delivery a VERP token in the mail names, and whether its HMAC holds (nil: no token).
    public var verp: VERPVerdict?

    public init(file: String, classification: InboundClassification, verp: VERPVerdict?) {
        self.file = file
        self.classification = classification
        self.verp = verp
    }

    enum CodingKeys: String, CodingKey {
        case file, kind, recipients, originalMessageID = "original_message_id", inReplyTo = "in_reply_to", verp
    }

    enum RecipientKeys: String, CodingKey {
        case address, finalRecipient = "final_recipient", status, action, reason, permanent, diagnostic
    }
    enum VERPKeys: String, CodingKey { case delivery, valid }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(file, forKey: .file)
        try c.encode(classification.kind.rawValue, forKey: .kind)
        var list = c.nestedUnkeyedContainer(forKey: .recipients)
        for recipient in classification.recipients {
            var r = list.nestedContainer(keyedBy: RecipientKeys.self)
            try r.encode(recipient.address, forKey: .address)
            try r.encode(recipient.finalRecipient, forKey: .finalRecipient)
            try r.encode(recipient.status, forKey: .status)
            try r.encode(recipient.action, forKey: .action)
            try r.encode(recipient.reason, forKey: .reason)
            try r.encode(recipient.permanent, forKey: .permanent)
            try r.encode(recipient.diagnostic, forKey: .diagnostic)
        }
        try c.encode(classification.originalMessageID, forKey: .originalMessageID)
        try c.encode(classification.inReplyTo, forKey: .inReplyTo)
        if let verp {
            var v = c.nestedContainer(keyedBy: VERPKeys.self, forKey: .verp)
            try v.encode(verp.deliveryID, forKey: .delivery)
            try v.encode(verp.valid, forKey: .valid)
        } else {
            try c.encodeNil(forKey: .verp)
        }
    }
}
