import ArgumentParser
import Foundation
import LedgerMail

struct InboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inbox",
        abstract: "What came back: bounces, delays, auto-replies and replies to a dossier's mails.",
        discussion: """
            `run` reads the mailbox; this only lists what it recorded.

            Examples:
              ledgermail inbox acme
              ledgermail inbox acme --unmatched --json
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String
    @Flag(help: "The mail that matched no delivery.") var unmatched = false
    @Flag(help: "One JSON object per message per line.") var json = false

    func run() async throws {
        let entries = try await options.gateway().inboxListing.entries(dossier: dossier, unmatched: unmatched)
        if json {
            for entry in entries { print(try JSONLine.encode(entry)) }
            return
        }
        if entries.isEmpty { print(unmatched ? "no unmatched mail" : "nothing came back yet") }
        for entry in entries {
            let about = entry.documentID.map { "document \($0) (\(entry.number ?? "?"))" } ?? "no delivery"
            say("\(entry.receivedAt) \(entry.kind) from \(entry.from ?? "?") about \(about)\(entry.verified ? "" : ", \(entry.unverifiedBecause ?? "not verified")")")
            say("    \(entry.summary)")
        }
    }
}

/// One compact JSON object per line, dates in ISO 8601.
enum JSONLine {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        // Control characters are escaped by the encoder; C1 and bidi controls are not.
        return DisplayText.json(String(decoding: try encoder.encode(value), as: UTF8.self))
    }
}
