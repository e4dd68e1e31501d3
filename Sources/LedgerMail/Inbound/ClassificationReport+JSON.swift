extension ClassificationReport {
    /// The line `classify --json` prints: what `JSONEncoder` (sorted keys, slashes as they are)
    /// makes of this report, written directly (a test holds the two equal on the corpus).
    public var jsonLine: String {
        var json = JSONText()
        json.object { json in
            json.key("file"); json.string(file)
            json.key("in_reply_to"); json.string(classification.inReplyTo)
            json.key("kind"); json.string(classification.kind.rawValue)
            json.key("original_message_id"); json.string(classification.originalMessageID)
            json.key("recipients"); json.raw("[")
            for (index, recipient) in classification.recipients.enumerated() {
                if index > 0 { json.raw(",") }
                json.object { json in
                    json.key("action"); json.string(recipient.action)
                    json.key("address"); json.string(recipient.address)
                    json.key("diagnostic"); json.string(recipient.diagnostic)
                    json.key("final_recipient"); json.string(recipient.finalRecipient)
                    json.key("permanent"); json.raw(recipient.permanent ? "true" : "false")
                    json.key("reason"); json.string(recipient.reason)
                    json.key("status"); json.string(recipient.status)
                }
            }
            json.raw("]")
            json.key("verp")
            if let verp {
                json.object { json in
                    json.key("delivery"); json.raw(String(verp.deliveryID))
                    json.key("valid"); json.raw(verp.valid ? "true" : "false")
                }
            } else {
                json.raw("null")
            }
        }
        return json.text
    }
}
