import Foundation

/// A dossier's settings as a person gives them (`dossier add`, `dossier set`, the settings
/// page): every field optional, so a change names only what changes. One check for all.
public struct DossierFields: Sendable, Equatable {
    public var company: String?
    public var vat: String?
    public var language: Language?
    public var dispatch: DispatchPolicy?
    public var from: String?
    public var accountant: String?
    public var timeZone: String?

    public init(company: String? = nil, vat: String? = nil, language: Language? = nil, dispatch: DispatchPolicy? = nil,
                from: String? = nil, accountant: String? = nil, timeZone: String? = nil) {
        self.company = company
        self.vat = vat
        self.language = language
        self.dispatch = dispatch
        self.from = from
        self.accountant = accountant
        self.timeZone = timeZone
    }

    public var isEmpty: Bool { self == DossierFields() }


    /// The checked record: `base`'s values where a field is not given (a new dossier has no
    /// base, so then every field must be there). Errors name the option.
    func record(name: String, over base: DossierRecord?, createdAt: Date) throws(InvalidInput) -> DossierRecord {
        guard let company = company ?? base?.company, let language = language ?? base.flatMap({ Language(rawValue: $0.language) }),
              let dispatch = dispatch ?? base.flatMap({ DispatchPolicy(rawValue: $0.dispatch) }),
              let timeZone = timeZone ?? base?.timeZone,
              vat != nil || base != nil, from != nil || base != nil, accountant != nil || base != nil else {
            throw InvalidInput("a dossier needs --company, --vat, --from and --accountant")
        }
        for (value, label) in [(name, "the dossier name"), (company, "--company"), (vat ?? "", "--vat"), (from ?? "", "--from"),
                               (accountant ?? "", "--accountant"), (timeZone, "--time-zone")] {
            try InvalidInput.checkSingleLine(value, name: label)
        }
        guard !company.trimmingCharacters(in: .whitespaces).isEmpty else { throw InvalidInput("--company must not be empty") }
        guard TimeZone(identifier: timeZone) != nil else {
            throw InvalidInput("--time-zone '\(timeZone)' is not a known time zone (e.g. Europe/Brussels)")
        }
        var record = base ?? DossierRecord(name: name, company: company, enterpriseNumber: "", language: language.rawValue,
                                           dispatch: dispatch.rawValue, fromName: nil, fromAddress: "", accountant: "",
                                           timeZone: timeZone, createdAt: createdAt)
        record.company = company
        record.language = language.rawValue
        record.dispatch = dispatch.rawValue
        record.timeZone = timeZone
        if let vat { record.enterpriseNumber = try Self.enterpriseNumber(vat) }
        if let from {
            let sender = try Mailbox(parsing: from)
            record.fromName = sender.displayName
            record.fromAddress = sender.address.value
        }
        if let accountant { record.accountant = try EmailAddress(accountant).value }
        return record
    }

    /// The dossier's own number, checked: it decides every document's kind.
    static func enterpriseNumber(_ vat: String) throws(InvalidInput) -> String {
        guard let number = BelgianNumber.normalize(vat) else {
            throw InvalidInput("--vat '\(vat)' is not a Belgian VAT or enterprise number (BE + 10 digits)")
        }
        guard BelgianNumber.isValid(number) else {
            throw InvalidInput("--vat '\(vat)': the check digits are wrong (mod 97); check the number")
        }
        return number
    }
}
