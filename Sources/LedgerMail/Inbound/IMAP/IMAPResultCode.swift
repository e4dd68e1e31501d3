import CEtpan

/// A libetpan `mailimap_*` result code as a Swift value.
struct IMAPResultCode: RawRepresentable, Equatable, Sendable, CustomStringConvertible {
    let rawValue: Int32
    init(rawValue: Int32) { self.rawValue = rawValue }
    init(_ code: Int) { rawValue = Int32(code) }

    static let noError = IMAPResultCode(MAILIMAP_NO_ERROR)
    static let noErrorAuthenticated = IMAPResultCode(MAILIMAP_NO_ERROR_AUTHENTICATED)
    static let noErrorNonAuthenticated = IMAPResultCode(MAILIMAP_NO_ERROR_NON_AUTHENTICATED)

    /// The connect calls answer with the greeting's state; all three are success.
    var isSuccess: Bool { self == .noError || self == .noErrorAuthenticated || self == .noErrorNonAuthenticated }

    var description: String {
        switch Int(rawValue) {
        case MAILIMAP_ERROR_STREAM: return "connection lost or refused"
        case MAILIMAP_ERROR_PARSE: return "unreadable server answer"
        case MAILIMAP_ERROR_CONNECTION_REFUSED: return "connection refused"
        case MAILIMAP_ERROR_LOGIN: return "login refused"
        case MAILIMAP_ERROR_SELECT: return "folder cannot be selected"
        case MAILIMAP_ERROR_FETCH: return "fetch failed"
        case MAILIMAP_ERROR_SEARCH: return "search failed"
        case MAILIMAP_ERROR_SSL: return "TLS handshake failed"
        case MAILIMAP_ERROR_STARTTLS: return "STARTTLS refused"
        case MAILIMAP_ERROR_PROTOCOL: return "the server answered NO or BAD"
        case MAILIMAP_ERROR_CREATE: return "folder cannot be created"
        case MAILIMAP_ERROR_UID_MOVE, MAILIMAP_ERROR_UID_COPY: return "message cannot be moved"
        default: return "libetpan error \(rawValue)"
        }
    }
}
