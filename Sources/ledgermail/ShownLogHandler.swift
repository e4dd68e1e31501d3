import LedgerMail
import Logging

/// A log handler that shows messages through the one sanitiser before the wrapped handler
/// writes them: a server's reply or a mail's subject must not forge a log line (CR, LF) or
/// reorder one (bidi) in the terminal or the journal.
struct ShownLogHandler: LogHandler {
    var wrapped: any LogHandler

    var logLevel: Logger.Level {
        get { wrapped.logLevel }
        set { wrapped.logLevel = newValue }
    }

    var metadata: Logger.Metadata {
        get { wrapped.metadata }
        set { wrapped.metadata = newValue }
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { wrapped[metadataKey: key] }
        set { wrapped[metadataKey: key] = newValue }
    }

    func log(event: LogEvent) {
        var shown = event
        shown.message = "\(DisplayText.terminal(event.message.description))"
        wrapped.log(event: shown)
    }
}
