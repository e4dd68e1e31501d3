/// What a document is for the accountant: each kind has its own tray (import address).
public enum DocumentKind: String, Sendable, Codable, CaseIterable, Comparable {
    case salesInvoice = "sales-invoice"
    case salesCreditNote = "sales-credit-note"
    case purchaseInvoice = "purchase-invoice"
    case purchaseCreditNote = "purchase-credit-note"
    case receipt
    case other
    case coda
    case codaPDF = "coda-pdf"

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    /// The accepted spellings, for error messages.
    public static var allNames: String { allCases.map(\.rawValue).joined(separator: ", ") }
}

/// Where a delivery stands. The names are part of the CLI's and `status --json`'s vocabulary.
public enum DeliveryState: String, Sendable, Codable, CaseIterable {
    /// Kind unknown or no route for the kind: waits for a person (`review`), with a reason.
    case held
    /// Dispatch `never`: waits for a manual or quarter-end send.
    case pending
    /// Has a due time.
    case scheduled
    /// Handed to the SMTP server right now (or the process died while doing so).
    case sending
    case sent
    /// A temporary failure: retried at `due_at`.
    case deferred
    case failed
    case bounced
    /// Taken by a server that holds it until someone answers a challenge-response request.
    case challenged
    /// On a pull route: in the documents feed, waiting for the accountant's software to collect
    /// it. No send, quarter-end or dispatch query ever picks it up.
    case published
    /// On a pull route: the accountant's software acknowledged it (`collectedAt`, `collectedBy`).
    case collected
}
