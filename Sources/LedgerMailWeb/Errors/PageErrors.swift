import Hummingbird

/// A dossier the account may not see, or that does not exist: the same answer for both, so a
/// page never tells which dossiers exist.
struct DossierHidden: Error {}

/// The account sees the dossier but its role may not do this (an accountant changing settings).
struct RoleMayNot: Error {}

/// A form without the session's CSRF token: refused, nothing changed.
struct CSRFMismatch: Error {}

/// No such document in a dossier the account sees.
struct DocumentNotFound: Error {}

/// A form that cannot be read (too large, not a form).
struct UnreadableForm: Error {
    let reason: String
}

/// The login page's answer to a request that needs an account.
struct LoginRequired: Error {}
