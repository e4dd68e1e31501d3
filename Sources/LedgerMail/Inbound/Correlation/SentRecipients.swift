/// Ties what a report says to the addresses a delivery was really sent to. Aliases and forwards
/// make a DSN's Original-Recipient and Final-Recipient differ, and either one may be ours: the
/// gateway knows which it used, so that one is what the report is about.
extension InboundClassification {
    /// The same classification with each recipient named by the address we sent to, when its
    /// Original-Recipient or Final-Recipient is one of `sentTo`; `finalRecipient` stays what the
    /// report said.
    func tied(to sentTo: [String]) -> InboundClassification {
        let ours = Dictionary(sentTo.map { ($0.lowercased(), $0) }, uniquingKeysWith: { first, _ in first })
        var tied = self
        tied.recipients = recipients.map { reported in
            var recipient = reported
            let names = [reported.address, reported.finalRecipient].compactMap { $0 }
            guard let match = names.lazy.compactMap({ ours[$0.lowercased()] }).first else { return reported }
            recipient.address = match
            return recipient
        }
        return tied
    }

    /// The permanent failure a bounce reports for one of `sentTo`, else its first permanent one
    /// (a valid token already says which delivery it is about).
    func permanentFailure(sentTo: [String]) -> ReportedRecipient? {
        let ours = Set(sentTo.map { $0.lowercased() })
        let permanent = recipients.filter(\.permanent)
        return permanent.first { ours.contains($0.address.lowercased()) } ?? permanent.first
    }
}
