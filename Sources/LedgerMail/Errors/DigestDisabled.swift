/// A digest was to be sent while the configuration turns digests off.
struct DigestDisabled: Error, Sendable, Equatable, CustomStringConvertible {
    public let configFile: String
    public var description: String { "digest.enabled is false in \(configFile): no digest is sent (--dry-run shows it)" }
}
