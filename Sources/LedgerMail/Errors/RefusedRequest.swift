/// An error caused by what a person asked, said in words they can act on. Every face shows it as
/// it is: the CLI prints it, the web re-shows its form with it (or a page with the status below),
/// the API answers with it as a problem.
public protocol RefusedRequest: Error, Sendable, CustomStringConvertible {
    var refusal: Refusal { get }
}

/// What kind of refusal: what the web and the API answer with.
public enum Refusal: Sendable {
    /// The request itself is wrong (a bad value, a missing option): 400.
    case invalid
    /// It names something that is not there: 404.
    case notFound
    /// The thing is there but in a state that does not allow it now: 409.
    case conflict
}

extension InvalidInput: RefusedRequest { public var refusal: Refusal { .invalid } }
extension NoSuchDossier: RefusedRequest { public var refusal: Refusal { .notFound } }
extension NoSuchDocument: RefusedRequest { public var refusal: Refusal { .notFound } }
extension NoSuchRoute: RefusedRequest { public var refusal: Refusal { .conflict } }
extension DossierExists: RefusedRequest { public var refusal: Refusal { .conflict } }
extension DossierArchived: RefusedRequest { public var refusal: Refusal { .conflict } }
extension DossierStillBusy: RefusedRequest { public var refusal: Refusal { .conflict } }
extension OwnerIsImportAddress: RefusedRequest { public var refusal: Refusal { .invalid } }
extension NoOwnerAddress: RefusedRequest { public var refusal: Refusal { .conflict } }
extension DigestDisabled: RefusedRequest { public var refusal: Refusal { .conflict } }
extension NothingInPeriod: RefusedRequest { public var refusal: Refusal { .notFound } }
extension DocumentOverCap: RefusedRequest { public var refusal: Refusal { .invalid } }
