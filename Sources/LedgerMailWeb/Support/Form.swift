import Foundation
import Hummingbird

/// A submitted HTML form (`application/x-www-form-urlencoded`), field by field.
struct Form: Sendable {
    var fields: [String: String]

    subscript(name: String) -> String? { fields[name] }

    /// The trimmed value, nil when absent or blank.
    func value(_ name: String) -> String? {
        guard let text = fields[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }

    static let maximumBytes = 256 << 10

    static func read(_ request: Request, context: some RequestContext) async throws -> Form {
        let body: ByteBuffer
        do { body = try await request.body.collect(upTo: maximumBytes) } catch {
            throw UnreadableForm(reason: "the form is larger than \(maximumBytes >> 10) KB")
        }
        return Form(urlEncoded: String(buffer: body))
    }

    init(fields: [String: String] = [:]) { self.fields = fields }

    /// `a=1&b=x+y`: `+` is a space, the rest percent-decoded; a malformed escape is kept as typed.
    init(urlEncoded text: String) {
        var fields: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ part: Substring) -> String {
                let spaced = part.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            fields[decode(parts[0])] = parts.count > 1 ? decode(parts[1]) : ""
        }
        self.fields = fields
    }
}
