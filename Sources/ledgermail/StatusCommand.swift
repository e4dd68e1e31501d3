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

            Examples:
              ledgermail status acme --json
              ledgermail status --all --state failed,bounced
              ledgermail status acme --period 2026-Q3 --kind purchase-invoice --limit 20
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
    @Flag(help: "One JSON object per document per line.") var json = false

    func validate() throws {
        if all == (dossier != nil) { throw ValidationError("give a dossier, or --all for every dossier") }
    }

    func run() async throws {
        let filter = DocumentFilter(dossier: dossier, states: try CommaList.parse(state, as: DeliveryState.self, option: "--state"),
                                    kinds: try CommaList.parse(kind, as: DocumentKind.self, option: "--kind"),
                                    period: try period.map { text throws(InvalidInput) in try Period(parsing: text) }, limit: limit)
        let documents = try await options.gateway().status(filter)
        if json {
            for document in documents { print(try JSONLine.encode(document)) }
            return
        }
        let narrowed = !filter.states.isEmpty || !filter.kinds.isEmpty || filter.period != nil
        if documents.isEmpty { say(narrowed ? "no documents match" : "no documents yet") }
        if all {
            for document in documents {
                say("\(document.dossier) #\(document.id) \(document.number.singleLine) \(document.kind?.rawValue ?? "unknown") \(document.state.rawValue) \(document.issueDate ?? "-") \(document.counterparty?.singleLine ?? "")")
            }
            return
        }
        for document in documents {
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
