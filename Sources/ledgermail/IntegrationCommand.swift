import ArgumentParser
import LedgerMail

struct IntegrationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "integration",
        abstract: "Route a dossier as an accounting package's import mailboxes expect (presets in config/integrations).",
        subcommands: [List.self, Enable.self]
    )

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the presets: kinds, addressing, address rule, attachments, size cap.",
            discussion: "Example:\n  ledgermail integration list"
        )

        @Flag(help: "One JSON object per preset per line.") var json = false

        func run() async throws {
            for preset in try await IntegrationPreset.all() {
                if json {
                    print(try JSONLine.encode(PresetLine(preset)))
                    continue
                }
                print("\(preset.name) — \(preset.title)")
                print("    kinds: \(preset.kinds.map(\.rawValue).joined(separator: ", "))")
                print("    addresses: \(preset.addressing.rawValue); \(preset.rule.description)")
                print("    attach: \(preset.attach.rawValue)\(preset.maxSize.map { ", max \($0)" } ?? "")")
            }
        }
    }

    struct Enable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "enable",
            abstract: "Check addresses against a preset and set the dossier's routes from it.",
            discussion: """
                Each --address is KIND=ADDRESS, or just ADDRESS for a package with one address for all kinds.
                A refusal says which address and which rule; then nothing is changed.

                Examples:
                  ledgermail integration enable acme clearfacts --address purchase-invoice=aankoop0123456749@acct.clearfacts.be
                  ledgermail integration enable acme yuki --address acme@yukiworks.be
                """
        )

        @OptionGroup var options: GlobalOptions
        @Argument(help: "The dossier.") var dossier: String
        @Argument(help: "The preset (see `integration list`).") var preset: String
        @Option(help: "KIND=ADDRESS, or ADDRESS for a one-for-all package.") var address: [String] = []

        func run() async throws {
            try checkSingleLine(address + [preset], name: "a value")
            guard let chosen = try await IntegrationPreset.all().first(where: { $0.name == preset }) else {
                throw ValidationError("no preset named '\(preset)': see `ledgermail integration list`")
            }
            var addresses: [DocumentKind?: String] = [:]
            for item in address {
                if let equals = item.firstIndex(of: "="), !item[..<equals].contains("@") {
                    let kindText = String(item[..<equals])
                    guard let kind = DocumentKind(rawValue: kindText) else {
                        throw ValidationError("'\(kindText)' is not a kind (\(DocumentKind.allNames))")
                    }
                    addresses[kind] = String(item[item.index(after: equals)...])
                } else {
                    guard addresses[nil] == nil else {
                        throw ValidationError("\(chosen.title) takes one address for all kinds: give one --address, not several")
                    }
                    addresses[nil] = item
                }
            }
            let routes = try await options.gateway().integrations.enable(dossier: dossier, preset: chosen, addresses: addresses)
            print("\(chosen.title) enabled for \(dossier):")
            for route in routes { print("  \(route.kind.rawValue) → \(route.addresses.map(\.value).joined(separator: ", "))") }
        }
    }
}

/// `integration list --json`: one preset.
struct PresetLine: Encodable {
    var name: String
    var title: String
    var kinds: [String]
    var addressing: String
    var rule: String
    var attach: String
    @NullWhenAbsent var maxSize: Int?

    init(_ preset: IntegrationPreset) {
        name = preset.name
        title = preset.title
        kinds = preset.kinds.map(\.rawValue)
        addressing = preset.addressing.rawValue
        rule = preset.rule.description
        attach = preset.attach.rawValue
        maxSize = preset.maxSize?.bytes
    }

    enum CodingKeys: String, CodingKey { case name, title, kinds, addressing, rule, attach, maxSize = "max_size" }
}
