/// Collects one `cac:Party` from the leaf values the document builder hands it.
/// Paths are relative to the Party element, e.g. ["cac:PartyName", "cbc:Name"].
struct PartyBuilder {
    private var registrationName: String?
    private var partyName: String?
    private var endpointScheme: String?
    private var endpointValue: String?
    private var legalID: String?
    private var identifications: [String] = []
    private var address = PostalAddress()
    /// Every PartyTaxScheme seen: (CompanyID, TaxScheme/ID).
    private var taxSchemes: [(companyID: String?, scheme: String?)] = []
    private var pendingTaxScheme: (companyID: String?, scheme: String?) = (nil, nil)

    /// A leaf element ended with `value` (trimmed, non-empty).
    mutating func take(_ path: ArraySlice<String>, value: String, attributes: [String: String]) {
        if path.first == "cac:PostalAddress" {
            address.take(path.dropFirst(), value: value)
            return
        }
        switch Array(path) {
        case ["cbc:EndpointID"]:
            endpointValue = endpointValue ?? value
            endpointScheme = endpointScheme ?? attributes["schemeID"].flatMap(nonEmpty)
        case ["cac:PartyIdentification", "cbc:ID"]:
            identifications.append(value)
        case ["cac:PartyName", "cbc:Name"]:
            partyName = partyName ?? value
        case ["cac:PartyTaxScheme", "cbc:CompanyID"]:
            pendingTaxScheme.companyID = pendingTaxScheme.companyID ?? value
        case ["cac:PartyTaxScheme", "cac:TaxScheme", "cbc:ID"]:
            pendingTaxScheme.scheme = pendingTaxScheme.scheme ?? value
        case ["cac:PartyLegalEntity", "cbc:RegistrationName"]:
            registrationName = registrationName ?? value
        case ["cac:PartyLegalEntity", "cbc:CompanyID"]:
            legalID = legalID ?? value
        default:
            break
        }
    }

    /// A container element ended; PartyTaxScheme is only complete at its end
    /// because CompanyID and TaxScheme/ID are siblings.
    mutating func close(_ path: ArraySlice<String>) {
        guard Array(path) == ["cac:PartyTaxScheme"] else { return }
        taxSchemes.append(pendingTaxScheme)
        pendingTaxScheme = (nil, nil)
    }

    func build() -> Party {
        // The VAT scheme wins; otherwise the first scheme "as written", so a
        // Swedish F-skatt or an unnamed scheme still yields an identifier.
        let vatScheme = taxSchemes.first { $0.scheme?.uppercased() == "VAT" && $0.companyID != nil }
        let vat = vatScheme?.companyID ?? taxSchemes.lazy.compactMap(\.companyID).first
        return Party(
            name: registrationName ?? partyName,
            vat: vat,
            endpointScheme: endpointScheme,
            endpointValue: endpointValue,
            legalID: legalID,
            identifications: identifications,
            address: address.isEmpty ? nil : address
        )
    }
}
