import Logging

extension Logger {
    /// One service event as one log line: `event` names it, the fields that apply go along
    /// (nil ones are left out), so text and JSON lines carry the same facts.
    func event(_ name: String, level: Logger.Level = .info, _ message: @autoclosure () -> String,
               _ fields: KeyValuePairs<String, String?> = [:]) {
        var metadata: Logger.Metadata = ["event": .string(name)]
        for (key, value) in fields { if let value { metadata[key] = .string(value) } }
        log(level: level, "\(message())", metadata: metadata)
    }
}
