import LedgerMail

/// A line for the terminal whose interpolated values are shown, never obeyed: every value goes
/// through `DisplayText.terminal` (control and bidi characters escaped), the literal text of
/// the line stays as written. `say("… \(value) …")` is how commands print what they did not write.
struct TerminalLine: ExpressibleByStringInterpolation {
    let text: String

    init(stringLiteral value: String) { text = value }
    init(stringInterpolation: Interpolation) { text = stringInterpolation.text }

    struct Interpolation: StringInterpolationProtocol {
        var text = ""
        init(literalCapacity: Int, interpolationCount: Int) { text.reserveCapacity(literalCapacity + 16 * interpolationCount) }
        mutating func appendLiteral(_ literal: String) { text += literal }
        mutating func appendInterpolation(_ value: some Any) { text += DisplayText.terminal(String(describing: value)) }
    }
}

func say(_ line: TerminalLine) { print(line.text) }
