import ArgumentParser
import Foundation
import LedgerMail

struct InitCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the data directory (database, document store, VERP key) and a commented config file.",
        discussion: """
            With an existing config file, only what is missing is created; nothing is overwritten.

            Example:
              ledgermail init --config /etc/ledgermail.yaml
            """
    )

    @OptionGroup var options: GlobalOptions

    func run() async throws {
        let example = ResourceLocator.find("config", marker: "ledgermail.example.yaml")?
            .appendingPathComponent("ledgermail.example.yaml")
        let configFile = options.configFile
        // The example is written first so that the settings (data_dir) come from it.
        let createsConfig = !FileManager.default.fileExists(atPath: configFile.path)
        if createsConfig {
            guard let example else { throw ValidationError("config/ledgermail.example.yaml was not found beside the program") }
            try FileManager.default.copyItem(at: example, to: configFile)
            // It may come to hold passwords: readable by the owner only.
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: configFile.path)
            print("created  \(configFile.path)")
        }
        let report = try Gateway.initialize(settings: try await options.settings(), exampleConfig: example)
        for path in report.created where path != configFile.path { print("created  \(path)") }
        for path in report.existing where !(createsConfig && path == configFile.path) { print("exists   \(path)") }
    }
}
