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
    /// Where the digest of trouble goes; an empty text clears it.
    public var ownerEmail: String?

    public init(company: String? = nil, vat: String? = nil, language: Language? = nil, dispatch: DispatchPolicy? = nil,
                from: String? = nil, accountant: String? = nil, timeZone: String? = nil, ownerEmail: String? = nil) {
        self.company = company
        self.vat = vat
        self.language = language
        self.dispatch = dispatch
        self.from = from
        self.accountant = accountant
        self.timeZone = timeZone
        self.ownerEmail = ownerEmail
    }

    public var isEmpty: Bool { self == DossierFields() }


    /// The checked record: `base`'s values where a field is not given (a new dossier has no
    /// base, so then every field must be there). Errors name the option.
    func record(name: String, over base: DossierRecord?, createdAt: Date) throws(InvalidInput) -> DossierRecord {
        guard let company = company ?? base?.company, let language = language ?? base?.language,
              let dispatch = dispatch ?? base?.dispatch,
              let timeZone = timeZone ?? base?.timeZone,
              vat != nil || base != nil, from != nil || base != nil, accountant != nil || base != nil else {
            throw InvalidInput("a dossier needs --company, --vat, --from and --accountant")
        }
        for (value, label) in [(name, "the dossier name"), (company, "--company"), (vat ?? "", "--vat"), (from ?? "", "--from"),
                               (accountant ?? "", "--accountant"), (timeZone, "--time-zone"), (ownerEmail ?? "", "--owner-email")] {
            try InvalidInput.checkSingleLine(value, name: label)
        }
        guard !company.trimmingCharacters(in: .whitespaces).isEmpty else { throw InvalidInput("--company must not be empty") }
        guard TimeZone(identifier: timeZone) != nil else {
            throw InvalidInput("--time-zone '\(timeZone)' is not a known time zone (e.g. Europe/Brussels)")
        }
        var record = base ?? DossierRecord(name: name, company: company, enterpriseNumber: "", language: language,
                                           dispatch: dispatch, fromName: nil, fromAddress: "", accountant: "",
                                           timeZone: timeZone, createdAt: createdAt)
        record.company = company
        record.language = language
        record.dispatch = dispatch
        record.timeZone = timeZone
        if let vat { record.enterpriseNumber = try DossierNumber.normalize(vat) }
        if let from {
            let sender = try Mailbox(parsing: from)
            record.fromName = sender.displayName
            record.fromAddress = sender.address.value
        }
        if let accountant { record.accountant = try EmailAddress(accountant).value }
        if let ownerEmail { record.ownerEmail = ownerEmail.isEmpty ? nil : try EmailAddress(ownerEmail).value }
        return record
    }
}
