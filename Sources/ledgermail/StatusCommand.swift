import ArgumentParser
import Foundation
import LedgerMail

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Every document of a dossier (or of all, --all) with its deliveries and what came back.",
        discussion: """
            A document's state is its latest delivery's (held when it has none). With --json, one
            JSON object per document per line. With --all, one line per document, the dossier first.
            With --summary, how many documents there are per kind and state (the same filters).
            Documents are read and printed a page at a time: any size of dossier in little memory.

            Examples:
              ledgermail status acme --json
              ledgermail status --all --state failed,bounced
              ledgermail status acme --period 2026-Q3 --kind purchase-invoice --limit 20
              ledgermail status --all --summary
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String?
    @Flag(help: "Every dossier's documents, one line each.") var all = false
    @Option(help: "Only documents in these states (a comma list: \(DeliveryState.allCases.map(\.rawValue).joined(separator: ",")))")
    var state: String?
    @Option(help: "Only documents of these kinds (a comma list).") var kind: String?
    @Option(help: "Only documents of this period, by issue date (2026-Q3 or 2026-09).") var period: String?
    @Option(help: "At most this many documents.") var limit: Int?
    @Flag(help: "How many documents per kind and state, instead of the documents.") var summary = false
    @Flag(help: "One JSON object per document (with --summary: per kind and state) per line.") var json = false

    func validate() throws {
        if all == (dossier != nil) { throw ValidationError("give a dossier, or --all for every dossier") }
        if summary && limit != nil { throw ValidationError("--limit lists documents: --summary counts them all") }
    }

    func run() async throws {
        let filter = DocumentFilter(dossier: dossier, states: try CommaList.parse(state, as: DeliveryState.self, option: "--state"),
                                    kinds: try CommaList.parse(kind, as: DocumentKind.self, option: "--kind"),
                                    period: try period.map { text throws(InvalidInput) in try Period(parsing: text) }, limit: limit)
        let status = try await options.gateway().status
        if summary { return try printSummary(try status.summary(filter)) }
        var shown = 0
        try status.each(filter) { document in
            shown += 1
            if json {
                print(try JSONLine.encode(document))
            } else if all {
                say("\(document.dossier) #\(document.id) \(document.number.singleLine) \(document.kind?.rawValue ?? "unknown") \(document.state.rawValue) \(document.issueDate ?? "-") \(document.counterparty?.singleLine ?? "")")
            } else {
                printDetail(document)
            }
        }
        let narrowed = !filter.states.isEmpty || !filter.kinds.isEmpty || filter.period != nil
        if shown == 0 && !json { say(narrowed ? "no documents match" : "no documents yet") }
    }

    func printSummary(_ counts: [DocumentCount]) throws {
        if json {
            for count in counts { print(try JSONLine.encode(count)) }
            return
        }
        for count in counts { say("\(count.kind?.rawValue ?? "unknown") \(count.state.rawValue) \(count.count)") }
        say("\(counts.reduce(0) { $0 + $1.count }) document(s)")
    }

    func printDetail(_ document: DocumentStatus) {
        say("#\(document.id) \(document.number.singleLine) \(document.kind?.rawValue ?? "unknown") \(document.issueDate ?? "") \(document.counterparty ?? "") [\(document.file)]\(document.version > 1 ? " v\(document.version)" : "")")
        if let reason = document.heldReason { say("    held: \(reason)") }
        for delivery in document.deliveries {
            var line = "    \(delivery.route?.rawValue ?? "(no route)") \(delivery.state.rawValue)"
            if let due = delivery.dueAt, delivery.state == .scheduled || delivery.state == .deferred { line += " due \(due)" }
            if let sent = delivery.sentAt { line += " at \(sent)" }
            if let collected = delivery.collectedAt { line += " at \(collected) by \(delivery.collectedBy ?? "?")" }
            if delivery.attempts > 0 { line += " (\(delivery.attempts) attempt\(delivery.attempts == 1 ? "" : "s"))" }
            say("\(line)")
            for recipient in delivery.recipients {
                say("      → \(recipient.address) \(recipient.state.rawValue) \(recipient.smtpReply ?? "")")
            }
            if let bounce = delivery.bounce, bounce.verified {
                say("      bounced: \(bounce.recipient ?? "?") \(bounce.status ?? "") \(bounce.reason ?? "") \(bounce.diagnostic ?? "")")
            } else if let bounce = delivery.bounce {
                say("      unverified bounce report (changed nothing): \(bounce.diagnostic ?? "")")
            }
            if delivery.state == .challenged {
                print("      held by a challenge-response system: answer its request (see `ledgermail inbox`) or ask the accountant to let the address in")
            }
            if let reply = delivery.lastReply, delivery.state == .deferred || delivery.state == .failed {
                say("      last reply: \(reply)")
            }
        }
        for inbound in document.inbound {
            say("    ← \(inbound.kind.rawValue) from \(inbound.from ?? "?"): \(inbound.summary)\(inbound.verified ? "" : " (\(inbound.unverifiedBecause ?? "not verified"))")")
        }
    }
}

/// A comma list of enum values (`--state failed,bounced`), refused with the accepted names.
enum CommaList {
    static func parse<T: RawRepresentable & CaseIterable & Hashable>(_ text: String?, as _: T.Type, option: String) throws -> Set<T>
    where T.RawValue == String {
        guard let text else { return [] }
        return try Set(text.split(separator: ",").map { item in
            let name = item.trimmingCharacters(in: .whitespaces)
            guard let value = T(rawValue: name) else {
                throw InvalidInput("\(option): '\(name.singleLine)' is not one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return value
        })
    }
}
