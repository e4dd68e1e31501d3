import Crypto
import Foundation

/// The variable envelope return path that ties a bounce to the delivery it answers:
/// `bounces+d42-9f2c…@gateway.test` for delivery 42.
///
/// The token carries the delivery id and an HMAC-SHA256 of it under this install's key, so a
/// forged bounce cannot mark a delivery failed. Lowercase hex only: some MTAs lowercase
/// local parts.
struct VERPSigner: Sendable {
    /// Kept as bytes: `SymmetricKey` is not `Sendable`.
    private let keyBytes: Data

    public init(key: Data) { keyBytes = key }

    /// A fresh random key, as `init` writes to the data directory.
    public static func newKey() -> Data { SymmetricKey(size: .bits256).withUnsafeBytes { Data($0) } }

    /// The longest local part a bounce address may have: "+d" + 19 digits + "-" + 20 hex is 42
    /// more, and a local part may not pass 64.
    public static let maxBounceLocalPart = 22

    public func token(deliveryID: Int64) -> String {
        "d\(deliveryID)-\(mac(deliveryID))"
    }

    /// The envelope sender for a delivery: `local+TOKEN@domain` from the bounce address.
    public func envelopeSender(bounceAddress: EmailAddress, deliveryID: Int64) -> EmailAddress {
        // Hex, digits and '+-' stay within EmailAddress's rules, and the settings keep the local
        // part short enough (`maxBounceLocalPart`), so this cannot fail.
        try! EmailAddress("\(bounceAddress.localPart)+\(token(deliveryID: deliveryID))@\(bounceAddress.domain)")
    }

    /// What an address says about a delivery: nil when it carries no token of ours.
    public func verify(address: String, bounceAddress: EmailAddress) -> VERPVerdict? {
        let lowered = address.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "<> "))
        let prefix = bounceAddress.localPart.lowercased() + "+"
        let suffix = "@" + bounceAddress.domain.lowercased()
        guard lowered.hasPrefix(prefix), lowered.hasSuffix(suffix) else { return nil }
        let token = lowered.dropFirst(prefix.count).dropLast(suffix.count)
        guard token.hasPrefix("d"), let dash = token.firstIndex(of: "-"),
              let id = Int64(token[token.index(after: token.startIndex)..<dash]) else { return nil }
        let given = token[token.index(after: dash)...]
        let valid = Self.constantTimeEqual(Array(given.utf8), Array(mac(id).utf8))
        return VERPVerdict(deliveryID: id, valid: valid)
    }

    /// Compares without stopping at the first difference, so timing tells nothing about the MAC.
    private static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    private func mac(_ deliveryID: Int64) -> String {
        let code = HMAC<SHA256>.authenticationCode(for: Data("ledgermail-delivery:\(deliveryID)".utf8), using: SymmetricKey(data: keyBytes))
        return code.prefix(10).map { String(format: "%02x", $0) }.joined()
    }
}

/// A delivery id read from a VERP address, and whether its HMAC holds.
public struct VERPVerdict: Sendable, Equatable, Codable {
    public let deliveryID: Int64
    public let valid: Bool
}
