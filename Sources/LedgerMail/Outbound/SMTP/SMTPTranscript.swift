import Foundation

/// The SMTP dialogue as libcurl's debug callback reports it: commands sent and reply lines
/// received, in order. It is the only place libcurl shows each RCPT TO's own reply.
struct SMTPTranscript {
    private(set) var exchanges: [(command: String, reply: SMTPReply)] = []
    private var currentCommand = ""
    private var replyLines: [String] = []

    mutating func sent(_ text: String) {
        for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
            // After "334" the client sends credentials, not a command: they stay part of AUTH,
            // and no credential is kept (the verb alone is remembered).
            if currentCommand == "AUTH", exchanges.last?.reply.code == 334 { continue }
            currentCommand = line.uppercased().hasPrefix("AUTH") ? "AUTH" : String(line)
        }
    }

    mutating func received(_ text: String) {
        for line in text.split(whereSeparator: \.isNewline) where !line.isEmpty {
            replyLines.append(String(line))
            // "250-…" continues a reply, "250 …" (or a bare "250") ends it.
            let characters = Array(line)
            if characters.count == 3 || (characters.count > 3 && characters[3] == " ") {
                let code = Int(String(characters.prefix(3))) ?? 0
                exchanges.append((currentCommand, SMTPReply(code: code, text: replyLines.joined(separator: " "))))
                replyLines = []
            }
        }
    }

    /// The reply to each `RCPT TO:<address>`, by address as sent.
    var recipientReplies: [String: SMTPReply] {
        var replies: [String: SMTPReply] = [:]
        for (command, reply) in exchanges where command.uppercased().hasPrefix("RCPT TO:") {
            let address = command.dropFirst("RCPT TO:".count).trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
            replies[address] = reply
        }
        return replies
    }

    /// A refusal that is about us, not about the document: the greeting, EHLO, STARTTLS, AUTH, or
    /// MAIL FROM refusing our sender (a submission server that will not take the VERP address).
    /// A size refusal at MAIL FROM (552, 5.3.4) is about this mail, so it is not one.
    var sessionRefusal: (command: String, reply: SMTPReply)? {
        for (command, reply) in exchanges where !reply.isPositive {
            let verb = command.split(separator: " ").first.map { $0.uppercased() } ?? ""
            if command.isEmpty { return ("greeting", reply) }
            if ["EHLO", "HELO", "STARTTLS", "AUTH"].contains(verb) { return (verb, reply) }
            if command.uppercased().hasPrefix("MAIL FROM:"), reply.code != 552, !reply.text.contains("5.3.4") {
                return ("MAIL FROM", reply)
            }
        }
        return nil
    }

    /// The last 4xx/5xx reply (MAIL FROM, DATA, the message itself), whatever came after it.
    var lastRefusal: SMTPReply? { exchanges.last(where: { !$0.reply.isPositive })?.reply }

    /// The last reply of the session: after the message data, the server's verdict on it.
    var lastReply: SMTPReply? { exchanges.last?.reply }
}

