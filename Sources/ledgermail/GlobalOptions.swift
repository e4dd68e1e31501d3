import ArgumentParser
import Foundation
import LedgerMail
import Logging

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: "The configuration file (default: $LEDGERMAIL_CONFIG, else ./ledgermail.yaml).")
    var config: String?

    @Flag(name: .long, help: "Log more: debug lines too (to standard error).")
    var verbose = false

    @Flag(name: .long, help: "Log warnings and errors only.")
    var quiet = false

    var configFile: URL { SettingsLoader.configFile(explicit: config) }

    func settings() async throws -> Settings {
        try await SettingsLoader.load(configFile: configFile)
    }

    /// Opens the data directory named by the configuration. A service (`run`) logs each event
    /// at info level; a one-shot command prints its own report and logs warnings only.
    func gateway(service: Bool = false) async throws -> Gateway {
        let settings = try await settings()
        let level: Logger.Level = quiet ? .warning : verbose ? .debug : service ? .info : .warning
        LogSetup.bootstrapOnce(level: level, format: settings.logFormat)
        return try Gateway(settings: settings, logger: Logger(label: "ledgermail"))
    }
}

enum LogSetup {
    /// Touched only from the command's single task, before any logging happens.
    nonisolated(unsafe) private static var done = false

    static func bootstrapOnce(level: Logger.Level, format: LogFormat) {
        guard !done else { return }
        done = true
        LoggingSystem.bootstrap { _ in LogLineHandler(level: level, format: format) }
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
