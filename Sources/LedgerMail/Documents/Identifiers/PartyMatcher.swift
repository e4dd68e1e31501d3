/// The identifier level at which a party was recognised, strongest first.
enum PartyMatchLevel: String, Sendable, CaseIterable {
    case vat
    case endpoint
    case legalID = "legal-id"
    case partyIdentification = "party-identification"
}

/// Which side of a document the dossier is on.
enum PartyMatch: Sendable, Equatable {
    /// We are the seller: a sales document (ours, or a self-bill issued for us).
    case supplier(level: String)
    /// We are the buyer: a purchase.
    case customer(level: String)
    /// Both parties carry our identifier at the deciding level: needs review.
    case both(level: String)
    /// None of our identifiers appear: needs review.
    case neither
}

/// Decides whether an invoice is a sale or a purchase for one dossier, from
/// the dossier's own VAT / enterprise numbers. Never uses the mail sender.
struct PartyMatcher: Sendable {
    private let own: Set<String>

    public init(ownIdentifiers: [String]) {
        own = Set(ownIdentifiers.map(normalizedIdentifier).filter { !$0.isEmpty })
    }

    /// Level by level; the first level at which either party matches decides,
    /// so a shared EndpointID cannot override differing VAT numbers.
    public func classify(_ doc: UBLDocument) -> PartyMatch {
        for level in PartyMatchLevel.allCases {
            let supplierMatches = matches(doc.supplier, at: level)
            let customerMatches = matches(doc.customer, at: level)
            switch (supplierMatches, customerMatches) {
            case (true, true): return .both(level: level.rawValue)
            case (true, false): return .supplier(level: level.rawValue)
            case (false, true): return .customer(level: level.rawValue)
            case (false, false): continue
            }
        }
        return .neither
    }

    private func matches(_ party: Party, at level: PartyMatchLevel) -> Bool {
        let candidates: [String?] = switch level {
        case .vat: [party.vat]
        // The value alone: 0208 carries the enterprise number and 9925 the
        // BE VAT number, which normalise to the same digits; other schemes
        // (GLN, foreign registries) cannot collide with a VAT number.
        case .endpoint: [party.endpointValue]
        case .legalID: [party.legalID]
        case .partyIdentification: party.identifications
        }
        return candidates.contains { $0.map { own.contains(normalizedIdentifier($0)) } ?? false }
    }
}
