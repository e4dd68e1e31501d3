/// Why a dossier cannot be removed or archived now.
struct DossierStillBusy: Error, Sendable, CustomStringConvertible {
    public let dossier: String
    public let waiting: [DeliveryState: Int]

    public var description: String {
        let counts = waiting.sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.value) \($0.key.rawValue)" }
        return "dossier '\(dossier)' still has documents waiting or in flight (\(counts.joined(separator: ", "))): "
            + "send, review or resend them first (`ledgermail status \(dossier) --state held,pending,scheduled,deferred,sending`)"
    }
}
