import GRDB

/// Why a document waits for a person: stored as a code, so queries ask for the reason itself and
/// never for its wording; the sentence is derived where it is shown.
enum HoldReason: String, Codable, Sendable, CaseIterable, DatabaseValueConvertible {
    /// The reader could not tell sales from purchase (the detail says why).
    case kindUndecided = "kind-undecided"
    /// The dossier has no route for the document's kind.
    case noRoute = "no-route"
    /// A new version of a document already sent or collected: `resend` sends it.
    case newVersion = "new-version"

    func sentence(kind: DocumentKind?, version: Int, detail: String?) -> String {
        switch self {
        case .kindUndecided:
            detail ?? "its kind could not be decided: `ledgermail review` sets it"
        case .noRoute:
            kind.map(Self.noRouteSentence) ?? "no route for its kind"
        case .newVersion:
            "a new version (\(version)) of a document already sent: `ledgermail resend` sends it"
        }
    }

    static func noRouteSentence(_ kind: DocumentKind) -> String {
        "no route for \(kind.rawValue): `ledgermail route set DOSSIER \(kind.rawValue) ADDRESS` sets one"
    }
}
