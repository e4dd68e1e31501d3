/// The identifiers and name of one trading party, as written in the document.
/// Values are kept verbatim; comparison rules live in `normalizedIdentifier`.
public struct Party: Sendable, Equatable {
    /// PartyLegalEntity/RegistrationName, else PartyName/Name.
    public var name: String?
    /// PartyTaxScheme whose TaxScheme/ID is VAT, else the first PartyTaxScheme.
    public var vat: String?
    public var endpointScheme: String?
    public var endpointValue: String?
    /// PartyLegalEntity/CompanyID.
    public var legalID: String?
    /// Every PartyIdentification/ID, in document order.
    public var identifications: [String]
    /// PostalAddress; nil when the party has none. Never used for matching.
    public var address: PostalAddress?

    public init(
        name: String? = nil, vat: String? = nil,
        endpointScheme: String? = nil, endpointValue: String? = nil,
        legalID: String? = nil, identifications: [String] = [],
        address: PostalAddress? = nil
    ) {
        self.name = name
        self.vat = vat
        self.endpointScheme = endpointScheme
        self.endpointValue = endpointValue
        self.legalID = legalID
        self.identifications = identifications
        self.address = address
    }

    /// "schemeID:value" (e.g. "0208:0123456749"), the form the corpus and the
    /// JSON output use; just the value when the sender gave no scheme.
    public var endpoint: String? {
        guard let endpointValue else { return nil }
        guard let endpointScheme else { return endpointValue }
        return "\(endpointScheme):\(endpointValue)"
    }
}

/// The name the integration brief uses for the same thing.
typealias PartyIdentifiers = Party
