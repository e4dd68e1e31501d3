/// A value a user gave (on the command line or in the configuration) that LedgerMail refuses,
/// with a message that names the problem.
public struct InvalidInput: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }

    /// Refuses a command-line value with a CR or LF: it could never be meant, and in a header
    /// it would start a new one.
    public static func checkSingleLine(_ value: String, name: String) throws(InvalidInput) {
        if value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\r\n" }) {
            throw InvalidInput("\(name) must be a single line: it contains a line break")
        }
    }
}

extension StringProtocol {
    /// The text on one line: every run of CR, LF, tabs and other control characters becomes one
    /// space. For values read from documents on their way into headers, file names and messages.
    public var singleLine: String {
        var out = ""
        var pendingSpace = false
        for scalar in unicodeScalars {
            if scalar.properties.generalCategory == .control || scalar == "\u{2028}" || scalar == "\u{2029}" {
                pendingSpace = true
                continue
            }
            if pendingSpace && !out.isEmpty { out.unicodeScalars.append(" ") }
            pendingSpace = false
            out.unicodeScalars.append(scalar)
        }
        return out
    }
}
