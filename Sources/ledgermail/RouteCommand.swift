import ArgumentParser
import LedgerMail

struct RouteCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "route",
        abstract: "Set where each kind of document goes (the accounting software's import addresses).",
        subcommands: [Set.self, Remove.self, List.self, Test.self]
    )

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract: "Send a test mail about a route to the accountant's contact address (never to the import address).",
            discussion: "Example:\n  ledgermail route test acme purchase-invoice"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dossier.") var dossier: String
        @Argument(help: "The document kind.") var kind: DocumentKind

        func run() async throws {
            let contact = try await options.gateway().routes.test(dossier: dossier, kind: kind)
            say("test mail about the \(kind.rawValue) route sent to \(contact)")
        }
    }

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "set",
            abstract: "Route a document kind to one or more import addresses, or to the documents feed (--pull).",
            discussion: """
                Kinds: \(DocumentKind.allNames).
                Documents held only because their kind had no route are released.

                Example:
                  ledgermail route set acme purchase-invoice inkoop@acct.test
                  ledgermail route set acme coda coda@acct.test --attach ubl --dispatch end-of-month --max-size 20MB
                  ledgermail route set acme purchase-invoice --pull
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dossier.") var dossier: String
        @Argument(help: "The document kind.") var kind: DocumentKind
        @Argument(help: "The import address(es); none with --pull.") var addresses: [String] = []
        @Flag(help: "Not mailed: published in the documents feed for the accountant's software to pull.") var pull = false
        @Option(help: "What the mails carry: both (default), ubl (the original file) or pdf.") var attach: AttachPolicy = .both
        @Option(help: "Overrides the dossier's dispatch for this kind.") var dispatch: DispatchPolicy?
        @Option(name: .customLong("max-size"), help: "The largest mail this mailbox takes, e.g. 20MB.") var maxSize: String?

        func run() async throws {
            try checkSingleLine(addresses + [maxSize ?? ""], name: "a route value")
            let cap = try maxSize.map { text throws -> ByteSize in try ByteSize(parsing: text) }
            let released = try await options.gateway().routes.set(dossier: dossier, kind: kind, addresses: addresses,
                                                                 attach: attach, dispatch: dispatch, maxSize: cap, pull: pull)
            say("\(kind.rawValue) → \(pull ? "pulled through the documents feed" : addresses.joined(separator: ", "))")
            if released > 0 { say("\(released) held document(s) released to this route") }
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "remove",
            abstract: "Take addresses off a route, or remove the route (no address given).",
            discussion: """
                Documents of a kind left without a route are held with that reason, never dropped;
                `route set` releases them again.

                Examples:
                  ledgermail route remove acme purchase-invoice oud@acct.test
                  ledgermail route remove acme coda
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dossier.") var dossier: String
        @Argument(help: "The document kind.") var kind: DocumentKind
        @Argument(help: "The addresses to take off (none: the whole route).") var addresses: [String] = []

        func run() async throws {
            try checkSingleLine(addresses, name: "an address")
            let held = try await options.gateway().routes.remove(dossier: dossier, kind: kind, addresses: addresses)
            if addresses.isEmpty {
                say("\(kind.rawValue) route removed")
            } else {
                say("\(addresses.joined(separator: ", ")) taken off the \(kind.rawValue) route")
            }
            if held > 0 { say("\(held) waiting document(s) held until the kind has a route again") }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List a dossier's routes.",
            discussion: "Example:\n  ledgermail route list acme"
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dossier.") var dossier: String
        @Flag(help: "One JSON object per route per line.") var json = false

        func run() async throws {
            let routes = try await options.gateway().routes.list(dossier: dossier)
            if json {
                for route in routes { print(try JSONLine.encode(RouteLine(route))) }
                return
            }
            if routes.isEmpty { say("no routes yet: `ledgermail route set \(dossier) KIND ADDRESS`") }
            for route in routes {
                var options: [String] = []
                if route.attach != .both { options.append("attach \(route.attach.rawValue)") }
                if let dispatch = route.dispatch { options.append("dispatch \(dispatch.rawValue)") }
                if let cap = route.maxSize { options.append("max \(cap)") }
                if route.pull { options.append("pulled through the documents feed") }
                let suffix = options.isEmpty ? "" : "  (\(options.joined(separator: ", ")))"
                say("\(route.kind.rawValue.padding(toLength: 22, withPad: " ", startingAt: 0)) \(route.addresses.map(\.value).joined(separator: ", "))\(suffix)")
            }
        }
    }
}

/// `route list --json`: one route.
struct RouteLine: Encodable {
    var kind: String
    var addresses: [String]
    var attach: String
    @NullWhenAbsent var dispatch: String?
    @NullWhenAbsent var maxSize: Int?
    var pull: Bool

    init(_ route: Route) {
        pull = route.pull
        kind = route.kind.rawValue
        addresses = route.addresses.map(\.value)
        attach = route.attach.rawValue
        dispatch = route.dispatch?.rawValue
        maxSize = route.maxSize?.bytes
    }

    enum CodingKeys: String, CodingKey { case kind, addresses, attach, dispatch, maxSize = "max_size", pull }
}
