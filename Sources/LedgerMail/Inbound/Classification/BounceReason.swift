/// Maps what a report says (enhanced status code, the remote server's words) to a reason in
/// sisimai's vocabulary, lowercased: the server's words are more precise than the code (many
/// servers answer 5.0.0 or 5.5.0 to everything), so they are read first.
enum BounceReason {
    static func reason(status: String?, diagnostic: String?, action: String?) -> String {
        if let action, DeliveryStatusReport.successActions.contains(action) { return "delivered" }
        if let diagnostic, let fromText = reason(text: ASCIIBytes.lowercasedString(diagnostic)) { return fromText }
        if let status, let fromStatus = reason(status: status) { return fromStatus }
        if action == "delayed" { return "expired" }
        return status == nil ? "undefined" : "onhold"
    }

    /// Phrases and the reason they mean, most specific first.
    private static let phrases: [(reason: String, words: [String])] = [
        ("mesgtoobig", ["message too large", "message size exceeds", "message is too large", "size limit", "too big",
                        "exceeds the maximum size", "message length exceeds", "mesgtoobig", "exceeded maximum size"]),
        ("mailboxfull", ["mailbox full", "mailbox is full", "over quota", "overquota", "quota exceeded", "exceeded storage",
                         "disk quota", "insufficient storage", "mailbox size limit", "exceeds quota", "exceed the quota",
                         "exceeded their quota", "not enough space", "mailfolder is full", "too many messages", "full mailbox"]),
        ("virusdetected", ["virus", "malware", "infected"]),
        ("spamdetected", ["spam", "junk mail", "message content rejected", "bulk mail", "unsolicited"]),
        ("blocked", ["blacklist", "blocklist", "block list", "black list", "spamhaus", "dnsbl", "rbl", "blocked",
                     "poor reputation", "bad reputation", "client host rejected", "access denied", "not allowed to send"]),
        ("hostunknown", ["host unknown", "unknown host", "host not found", "no such domain", "domain not found",
                         "name service error", "unrouteable", "unroutable", "domain does not exist", "no mx",
                         "name or service not known", "domain name not found", "host or domain name not found"]),
        ("suspend", ["suspended", "disabled", "inactive", "deactivated", "not active", "account is locked", "expired account"]),
        ("userunknown", ["user unknown", "unknown user", "no such user", "does not exist", "doesn't exist", "not exist",
                         "unknown recipient", "recipient unknown", "invalid recipient", "no mailbox", "mailbox unavailable",
                         "mailbox not found", "recipient not found", "address rejected", "no such recipient",
                         "user not found", "unknown address", "invalid mailbox", "bad destination mailbox", "no such mailbox",
                         "not our customer", "account does not", "unknown local", "not a valid", "user doesn't have",
                         "undeliverable address", "address unknown", "is not a known user", "addressee unknown",
                         "no account", "not listed", "recipient address rejected", "unknown or illegal alias",
                         "mailbox is inactive", "user invalid", "unrouteable address", "no valid recipients"]),
        ("norelaying", ["relay access denied", "relaying denied", "not permitted to relay", "relay not permitted",
                        "unable to relay", "relaying not allowed", "we do not relay"]),
        ("policyviolation", ["policy", "dmarc", "not authorized", "prohibited"]),
        ("securityerror", ["authentication", "starttls", "tls required", "must issue a starttls"]),
        ("expired", ["timed out", "timeout", "too long", "retry time", "could not be delivered for", "expired",
                     "giving up", "given up", "delivery time expired", "queue too long", "has been delayed"]),
        ("networkerror", ["connection refused", "network", "no route to host", "connection reset",
                          "could not connect", "unable to connect", "loop", "too many hops"]),
        ("toomanyconn", ["too many connections", "too many concurrent"]),
        ("speeding", ["rate limit", "too many recipients", "sending too fast", "try again later", "rate exceeded"]),
        ("filtered", ["filtered", "rejected by recipient", "content filter", "refused by the domain filter", "domain filter"]),
        ("rejected", ["sender rejected", "sender address rejected", "domain of sender", "sender verify", "rejected"]),
        ("systemerror", ["system error", "internal error", "server error", "temporary failure", "local error"]),
    ]

    /// Every word of every entry in one set, in order, so the lowest word that matches belongs to
    /// the first entry that matches.
    private static let words = PhraseSet(phrases.flatMap(\.words))
    private static let reasonOfWord = phrases.flatMap { entry in entry.words.map { _ in entry.reason } }

    static func reason(text: String) -> String? {
        words.lowestMatch(in: text.utf8).map { reasonOfWord[$0] }
    }

    /// RFC 3463: the subject and detail digits after the class.
    static func reason(status: String) -> String? {
        switch String(status.dropFirst(2)) {
        case "1.1", "1.0", "1.6": return "userunknown"
        case "1.2": return "hostunknown"
        case "1.3": return "syntaxerror"
        case "1.8", "7.27", "1.7": return "rejected"
        case "2.1": return "suspend"
        case "2.2", "3.1": return "mailboxfull"
        case "2.3", "3.4": return "mesgtoobig"
        case "2.4", "3.5", "3.0", "3.2": return "systemerror"
        case "4.7": return "expired"
        case "4.1", "4.4", "4.0", "4.2", "4.3": return "networkerror"
        case "4.6": return "networkerror"
        case "5.3": return "toomanyconn"
        case "6.0", "6.1": return "contenterror"
        case "7.0", "7.13", "7.14": return "policyviolation"
        case "7.1": return "rejected"
        case "7.26", "7.25", "7.23", "7.24": return "policyviolation"
        case "7.9", "7.7", "7.8", "7.10", "7.11": return "securityerror"
        case "7.28": return "blocked"
        default: return nil
        }
    }
}
