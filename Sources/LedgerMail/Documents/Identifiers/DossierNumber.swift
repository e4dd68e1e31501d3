/// What a dossier's number may be, and what documents are matched on: a Belgian enterprise / VAT
/// number is kept as its 10 digits (Belgian documents carry either form, and `normalizedIdentifier`
/// drops the BE prefix); any other member state's VAT number is kept in VIES form (`NL123456782B01`).
enum DossierNumber {
    /// The stored form of `--vat`, or a clear error: the wrong shape or wrong check digits.
    public static func normalize(_ text: String) throws(InvalidInput) -> String {
        if let belgian = BelgianNumber.normalize(text) {
            guard BelgianNumber.isValid(belgian) else {
                throw InvalidInput("--vat '\(text.singleLine)': the check digits are wrong (mod 97); check the number")
            }
            return belgian
        }
        do {
            return try EUVATNumber(parsing: text).description
        } catch {
            throw InvalidInput("--vat \(error.message)")
        }
    }

    /// The identifiers a document's parties are matched against for a stored number: the VAT
    /// number with and without its prefix (parties write either), and for France the SIREN, which
    /// French documents give as the legal id, as Belgian ones give the enterprise number.
    public static func identifiers(_ stored: String) -> [String] {
        guard let vat = try? EUVATNumber(parsing: stored), vat.country != "BE" else { return [stored] }
        var identifiers = [vat.description, vat.national]
        if vat.country == "FR" { identifiers.append(String(vat.national.dropFirst(2))) }
        return identifiers
    }
}
