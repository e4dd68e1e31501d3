/// What a mail in the gateway's inbox is.
public enum InboundKind: String, Sendable, Codable, CaseIterable {
    /// A permanent delivery failure.
    case bounce
    /// A temporary failure: the server keeps trying.
    case delay
    /// Out of office, vacation (RFC 3834 and the common markers).
    case autoReply = "auto-reply"
    /// A person answering one of our mails.
    case reply
    /// An abuse / spam report (ARF).
    case feedback
    /// A success DSN.
    case delivered
    /// A challenge-response system holds the mail until someone answers it: the owner must act.
    case challenge
    case other
}

/// One recipient a delivery report speaks of.
public struct ReportedRecipient: Sendable, Equatable, Codable {
    public var address: String
    /// The enhanced status code (`5.1.1`), when known.
    public var status: String?
    /// `failed`, `delayed`, `delivered`, … as the report says.
    public var action: String?
    /// The cause in sisimai's vocabulary (`userunknown`, `mailboxfull`, …).
    public var reason: String
    public var permanent: Bool
    /// What the remote server said.
    public var diagnostic: String?
    /// A DSN's Final-Recipient: not `address` when an alias or a forward expanded the one we sent to.
    public var finalRecipient: String? = nil
}

/// What LedgerMail makes of one inbound mail.
public struct InboundClassification: Sendable, Equatable {
    public var kind: InboundKind
    /// Recipients that failed (bounce) or are delayed (delay).
    public var recipients: [ReportedRecipient]
    /// The Message-ID of our mail that the report or reply is about.
    public var originalMessageID: String?
    public var inReplyTo: String?
    public var references: [String]
    /// Addresses the mail was delivered to (To, Delivered-To, X-Original-To): where a VERP token shows.
    public var deliveredTo: [String]
    public var from: String?
    public var subject: String?
}
