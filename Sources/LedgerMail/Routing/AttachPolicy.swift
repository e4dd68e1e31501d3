import Foundation

/// Which files a route's mails carry. Whatever the policy, a mail to an import address always
/// carries at least one attachment: a document the policy leaves empty is refused, not sent bare.
public enum AttachPolicy: String, Sendable, Codable, CaseIterable {
    case both
    case ubl
    case pdf
}

/// A size such as `20MB`, `500KB` or `1048576` (bytes). KB and MB are binary (1024, 1024²):
/// that is how mail servers and their users count attachment limits.
public struct ByteSize: Sendable, Equatable, CustomStringConvertible {
    public let bytes: Int

    public init(bytes: Int) { self.bytes = bytes }

    public init(parsing text: String) throws(InvalidInput) {
        let trimmed = text.trimmingCharacters(in: .whitespaces).uppercased()
        let units: [(String, Int)] = [("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("B", 1)]
        var number = trimmed
        var factor = 1
        for (suffix, value) in units where trimmed.hasSuffix(suffix) {
            number = String(trimmed.dropLast(suffix.count)).trimmingCharacters(in: .whitespaces)
            factor = value
            break
        }
        guard let amount = Double(number), amount > 0, amount * Double(factor) < Double(Int.max) else {
            throw InvalidInput("'\(text.singleLine)' is not a size (e.g. 20MB, 500KB)")
        }
        bytes = Int(amount * Double(factor))
    }

    public var description: String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / Double(1 << 20))
            : bytes >= 1 << 10 ? String(format: "%.0f KB", Double(bytes) / Double(1 << 10)) : "\(bytes) B"
    }
}

