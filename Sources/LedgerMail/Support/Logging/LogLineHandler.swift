import Foundation
import Logging

/// How the services write their log (`log.format`): one line per event either way.
public enum LogFormat: String, Sendable, CaseIterable {
    case text, json
}

/// swift-log's one handler for LedgerMail: a line per event on standard error (the journal
/// under systemd), as text or as a JSON object with `ts`, `level`, `event`, the event's
/// fields (`dossier`, `document`, `route`, `recipients`, `reply`, `next_try`) and `message`.
/// Every value is shown through `DisplayText` (control and bidi characters escaped). Secrets
/// never reach it: no event carries a password, a key or a token.
public struct LogLineHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    let format: LogFormat
    let write: @Sendable (String) -> Void

    public init(level: Logger.Level, format: LogFormat, write: @escaping @Sendable (String) -> Void = LogLineHandler.standardError) {
        logLevel = level
        self.format = format
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var fields = metadata.merging(event.metadata ?? [:]) { $1 }
        let name = fields.removeValue(forKey: "event").map { "\($0)" } ?? "log"
        let timestamp = Date().formatted(.iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted))
        // Shown, never obeyed: a name or a server's reply cannot forge, split or reorder a line.
        switch format {
        case .text:
            let pairs = fields.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quoted("\($0.value)"))" }
            // The message quoted like a value (`quoted` shows it through DisplayText too): what it
            // quotes cannot pass for another field.
            write(([timestamp, "\(event.level)", name, Self.quoted("\(event.message)")] + pairs).joined(separator: " "))
        case .json:
            var object: [String: String] = ["ts": timestamp, "level": "\(event.level)", "event": name,
                                             "message": DisplayText.terminal("\(event.message)")]
            for (key, value) in fields { object[key] = DisplayText.terminal("\(value)") }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            write((try? String(decoding: encoder.encode(object), as: UTF8.self)) ?? "{\"event\":\"\(name)\"}")
        }
    }

    /// A value with a space or a quote in it, quoted, so a line splits back into its fields.
    static func quoted(_ value: String) -> String {
        let line = DisplayText.terminal(value)
        guard line.contains(where: { $0 == " " || $0 == "\"" || $0 == "=" }) || line.isEmpty else { return line }
        return "\"" + line.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    public static let standardError: @Sendable (String) -> Void = { line in
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }
}
