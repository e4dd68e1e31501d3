import ArgumentParser
import Foundation
import LedgerMail
import Logging

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (default: $LEDGERMAIL_CONFIG, else ./ledgermail.yaml).")
    var config: String?

    @Flag(name: .long, help: "Log what happens (to standard error).")
    var verbose = false

    var configFile: URL { SettingsLoader.configFile(explicit: config) }

    func settings() async throws -> Settings {
        try await SettingsLoader.load(configFile: configFile)
    }

    /// Opens the data directory named by the configuration.
    func gateway() async throws -> Gateway {
        LogSetup.bootstrapOnce(verbose: verbose)
        return try Gateway(settings: try await settings(), logger: Logger(label: "ledgermail"))
    }
}

enum LogSetup {
    /// Touched only from the command's single task, before any logging happens.
    nonisolated(unsafe) private static var done = false

    /// swift-log to standard error: warnings always, everything with --verbose.
    static func bootstrapOnce(verbose: Bool) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = verbose ? .info : .warning
            return ShownLogHandler(wrapped: handler)
        }
    }
}

/// Refuses a command-line value with a line break (it could start a new mail header).
func checkSingleLine(_ values: [String], name: String) throws {
    for value in values { try InvalidInput.checkSingleLine(value, name: name) }
}

extension DocumentKind: ExpressibleByArgument {}
extension DispatchPolicy: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}
extension AttachPolicy: ExpressibleByArgument {}
