import ArgumentParser
import LedgerMail

struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Set where each kind of document goes (the accounting software's import addresses).",
        subcommands: [Set.self, List.self]
    )

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Route a document kind to one or more import addresses.",
            discussion: """
                Kinds: \(DocumentKind.allNames).
                Documents held only because their kind had no route are released.

                Example:
                  ledgermail route set acme purchase-invoice inkoop@acct.test
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dossier.") var dossier: String
        @Argument(help: "The document kind.") var kind: DocumentKind
        @Argument(help: "The import address(es).") var addresses: [String]

        func run() async throws {
            try checkSingleLine(addresses, name: "an address")
            let released = try await options.gateway().setRoute(dossier: dossier, kind: kind, addresses: addresses)
            print("\(kind.rawValue) → \(addresses.joined(separator: ", "))")
            if released > 0 { print("\(released) held document(s) released to this route") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List a dossier's routes.",
            discussion: "Example:\n  ledgermail route list acme"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dossier.") var dossier: String

        func run() async throws {
            let routes = try await options.gateway().routes(dossier: dossier)
            if routes.isEmpty { print("no routes yet: `ledgermail route set \(dossier) KIND ADDRESS`") }
            for route in routes {
                print("\(route.kind.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(route.addresses.map(\.value).joined(separator: ", "))")
            }
        }
    }
}
