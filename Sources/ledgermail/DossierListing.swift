import ArgumentParser
import Foundation
import LedgerMail

extension DossierCommand {
    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "Every dossier with its documents per state, what went out this quarter and its last activity.",
            discussion: """
                A document's state is its latest delivery's. With --json, one object per dossier per line.

                Example:
                  ledgermail dossier list
                """
        )

        @OptionGroup var options: GlobalOptions
        @Flag(help: "One JSON object per dossier per line.") var json = false

        func run() async throws {
            let overviews = try await options.gateway().dossiers.overview()
            if json {
                for overview in overviews { print(try JSONLine.encode(OverviewLine(overview))) }
                return
            }
            if overviews.isEmpty { print("no dossiers yet: `ledgermail dossier add` creates one") }
            let columns: [DeliveryState] = [.held, .pending, .scheduled, .deferred, .failed, .bounced, .challenged]
            print(["DOSSIER".padded(16), "DOCS".padded(6)].joined() + columns.map { $0.rawValue.uppercased().padded(11) }.joined()
                  + "SENT-QTR  LAST ACTIVITY")
            for overview in overviews {
                let counts = columns.map { String(overview.states[$0] ?? 0).padded(11) }.joined()
                let last = overview.lastActivity.map { $0.formatted(.iso8601) } ?? "-"
                say("\(overview.name.padded(16))\(String(overview.documents).padded(6))\(counts)\(String(overview.sentThisQuarter).padded(10))\(last)\(overview.archived ? "  (archived)" : "")")
            }
        }
    }
}

/// `dossier list --json`: every state's count present, zero included, so a reader needs no defaults.
struct OverviewLine: Encodable {
    var name: String
    var company: String
    var archived: Bool
    var documents: Int
    var states: [String: Int]
    var sentThisQuarter: Int
    @NullWhenAbsent var lastActivity: Date?

    init(_ overview: DossierOverview) {
        name = overview.name
        company = overview.company.singleLine
        archived = overview.archived
        documents = overview.documents
        states = Dictionary(uniqueKeysWithValues: DeliveryState.allCases.map { ($0.rawValue, overview.states[$0] ?? 0) })
        sentThisQuarter = overview.sentThisQuarter
        lastActivity = overview.lastActivity
    }

    enum CodingKeys: String, CodingKey {
        case name, company, archived, documents, states, sentThisQuarter = "sent_this_quarter", lastActivity = "last_activity"
    }
}

extension String {
    /// Left-aligned in a column of `width`, with at least one space after it.
    func padded(_ width: Int) -> String {
        count >= width ? self + " " : padding(toLength: width, withPad: " ", startingAt: 0)
    }
}
