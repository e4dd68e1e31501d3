/// A party's PostalAddress, as written; shown on the rendered invoice.
public struct PostalAddress: Sendable, Equatable {
    public var street: String?
    public var additionalStreet: String?
    public var city: String?
    public var postalZone: String?
    /// Country/IdentificationCode (ISO 3166-1 alpha-2, e.g. "BE").
    public var countryCode: String?

    public init(
        street: String? = nil, additionalStreet: String? = nil, city: String? = nil,
        postalZone: String? = nil, countryCode: String? = nil
    ) {
        self.street = street
        self.additionalStreet = additionalStreet
        self.city = city
        self.postalZone = postalZone
        self.countryCode = countryCode
    }

    var isEmpty: Bool {
        [street, additionalStreet, city, postalZone, countryCode].allSatisfy { $0 == nil }
    }

    /// Takes one leaf; `path` is relative to the PostalAddress element.
    mutating func take(_ path: ArraySlice<String>, value: String) {
        switch Array(path) {
        case ["cbc:StreetName"]: street = street ?? value
        case ["cbc:AdditionalStreetName"]: additionalStreet = additionalStreet ?? value
        case ["cbc:CityName"]: city = city ?? value
        case ["cbc:PostalZone"]: postalZone = postalZone ?? value
        case ["cac:Country", "cbc:IdentificationCode"]: countryCode = countryCode ?? value
        default: break
        }
    }
}
