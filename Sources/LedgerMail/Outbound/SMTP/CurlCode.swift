import CCurl

/// A libcurl result code (`CURLcode`) as a Swift value, GRDB-`ResultCode` style.
struct CurlCode: RawRepresentable, Equatable, Sendable, CustomStringConvertible {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }
    init(_ code: CURLcode) { rawValue = code.rawValue }

    public static let ok = CurlCode(CURLE_OK)
    public static let couldNotConnect = CurlCode(CURLE_COULDNT_CONNECT)
    public static let peerFailedVerification = CurlCode(CURLE_PEER_FAILED_VERIFICATION)
    public static let useSSLFailed = CurlCode(CURLE_USE_SSL_FAILED)
    public static let loginDenied = CurlCode(CURLE_LOGIN_DENIED)
    public static let sslCACertBadFile = CurlCode(CURLE_SSL_CACERT_BADFILE)
    public static let sslPinnedPublicKeyMismatch = CurlCode(CURLE_SSL_PINNEDPUBKEYNOTMATCH)

    /// libcurl's own sentence for the code.
    public var description: String { String(cString: curl_easy_strerror(CURLcode(rawValue: rawValue))) }

    public static func ~= (pattern: CurlCode, code: CurlCode) -> Bool { pattern == code }
}

/// One SMTP reply: the code and the text of all its lines (`250 2.0.0 Ok: queued as ABC`).
struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let text: String

    public var isPositive: Bool { (200..<400).contains(code) }
    public var isTransient: Bool { (400..<500).contains(code) }
    public var isPermanent: Bool { code >= 500 }
    public var description: String { text }
}
