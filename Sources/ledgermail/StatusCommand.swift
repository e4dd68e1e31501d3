import ArgumentParser
import Foundation
import LedgerMail

struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Every document of a dossier with its deliveries and what came back.",
        discussion: """
            With --json, one JSON object per document per line.

            Example:
              ledgermail status acme --json
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String
    @Flag(help: "One JSON object per document per line.") var json = false

    func run() async throws {
        let documents = try await options.gateway().status(dossier: dossier)
        if json {
            for document in documents { print(try JSONLine.encode(document)) }
            return
        }
        if documents.isEmpty { print("no documents yet") }
        for document in documents {
            print("#\(document.id) \(document.number.singleLine) \(document.kind ?? "unknown") \(document.issueDate ?? "") \(document.counterparty ?? "") [\(document.file)]\(document.version > 1 ? " v\(document.version)" : "")")
            if let reason = document.heldReason { print("    held: \(reason)") }
            for delivery in document.deliveries {
                var line = "    \(delivery.route ?? "(no route)") \(delivery.state.rawValue)"
                if let due = delivery.dueAt, delivery.state == .scheduled || delivery.state == .deferred { line += " due \(due)" }
                if let sent = delivery.sentAt { line += " at \(sent)" }
                if delivery.attempts > 0 { line += " (\(delivery.attempts) attempt\(delivery.attempts == 1 ? "" : "s"))" }
                print(line)
                for recipient in delivery.recipients {
                    print("      → \(recipient.address) \(recipient.state) \(recipient.smtpReply ?? "")")
                }
                if let bounce = delivery.bounce {
                    print("      bounced: \(bounce.recipient ?? "?") \(bounce.status ?? "") \(bounce.reason ?? "") \(bounce.diagnostic ?? "")")
                }
                if delivery.state == .challenged {
                    print("      held by a challenge-response system: answer its request (see `ledgermail inbox`) or ask the accountant to let the address in")
                }
                if let reply = delivery.lastReply, delivery.state == .deferred || delivery.state == .failed {
                    print("      last reply: \(reply)")
                }
            }
            for inbound in document.inbound { print("    ← \(inbound.kind) from \(inbound.from ?? "?"): \(inbound.summary)") }
        }
    }
}
