import CEtpan
import Foundation

/// One libetpan IMAP session. The certificate is verified (`PeerCertificateCheck`) after the
/// TLS handshake and before LOGIN, failing closed: libetpan itself never checks it.
///
/// `@unchecked Sendable`: the `mailimap` pointer never leaves this class and the session is
/// only used from `IMAPClient`'s serial queue.
final class IMAPSession: @unchecked Sendable {
    private let imap: UnsafeMutablePointer<mailimap>
    private var loggedIn = false

    init() throws(IMAPError) {
        guard let imap = mailimap_new(0, nil) else { throw IMAPError("libetpan could not allocate an IMAP session") }
        self.imap = imap
    }

    deinit {
        if loggedIn { _ = mailimap_logout(imap) }
        mailimap_free(imap)
    }

    func connect(_ server: IMAPServer) throws(IMAPError) {
        let where_ = "\(server.host):\(server.port)"
        if server.isImplicitTLS {
            try check(IMAPResultCode(rawValue: mailimap_ssl_connect(imap, server.host, server.port)), "TLS connection to \(where_)")
        } else {
            try check(IMAPResultCode(rawValue: mailimap_socket_connect(imap, server.host, server.port)), "connection to \(where_)")
            guard server.requireSTARTTLS else { return }
            let code = IMAPResultCode(rawValue: mailimap_socket_starttls(imap))
            guard code.isSuccess else {
                throw IMAPError("the IMAP server \(where_) refused STARTTLS (\(code)), and imap.starttls is required; nothing was sent to it. Use imaps:// with its TLS port (often 993), or enable STARTTLS on the server")
            }
        }
        if server.insecure { return }
        do {
            try PeerCertificateCheck.verify(chain: peerChain(), caFile: server.caFile, host: server.host)
        } catch {
            throw IMAPError(error.explain("the IMAP server \(where_)"))
        }
    }

    /// The server's certificates as libetpan's TLS stream received them, leaf first.
    private func peerChain() -> [Data] {
        guard let chain = lm_imap_peer_chain(imap) else { return [] }
        defer { mailstream_certificate_chain_free(chain) }
        return (0..<lm_chain_count(chain)).compactMap { index in
            var length = 0
            guard let der = lm_chain_certificate(chain, index, &length) else { return nil }
            return Data(bytes: der, count: length)
        }
    }

    func login(username: String, password: String) throws(IMAPError) {
        try check(IMAPResultCode(rawValue: mailimap_login(imap, username, password)), "login as \(username)")
        loggedIn = true
        // Capabilities can change after login: ask, so MOVE / UIDPLUS / IDLE are known.
        _ = lm_imap_refresh_capabilities(imap)
    }

    /// Selects `folder` and returns its UIDVALIDITY.
    func select(_ folder: String) throws(IMAPError) -> UInt32 {
        try check(IMAPResultCode(rawValue: mailimap_select(imap, folder)), "select \(folder)")
        return lm_imap_selected_uidvalidity(imap)
    }

    /// The UIDs above `lastUID`, ascending.
    func uids(after lastUID: UInt32) throws(IMAPError) -> [UInt32] {
        var buffer: UnsafeMutablePointer<UInt32>?
        var count = 0
        try check(IMAPResultCode(rawValue: lm_imap_uid_search_from(imap, lastUID &+ 1, &buffer, &count)), "UID SEARCH")
        defer { free(buffer) }
        guard let buffer else { return [] }
        return UnsafeBufferPointer(start: buffer, count: count).filter { $0 > lastUID }.sorted()
    }

    /// The whole message with this UID, as the server stores it.
    /// The message's size (RFC822.SIZE), to decide before fetching it.
    func messageSize(uid: UInt32) throws(IMAPError) -> Int {
        var size: UInt32 = 0
        try check(IMAPResultCode(rawValue: lm_imap_uid_fetch_size(imap, uid, &size)), "UID FETCH \(uid) RFC822.SIZE")
        return Int(size)
    }

    func message(uid: UInt32) throws(IMAPError) -> Data {
        var bytes: UnsafeMutablePointer<CChar>?
        var length = 0
        try check(IMAPResultCode(rawValue: lm_imap_uid_fetch_message(imap, uid, &bytes, &length)), "UID FETCH \(uid)")
        defer { free(bytes) }
        guard let bytes else { return Data() }
        return Data(bytes: bytes, count: length)
    }

    /// Creates `folder`; an existing folder is fine.
    func ensureFolder(_ folder: String) {
        _ = mailimap_create(imap, folder)
    }

    func move(uid: UInt32, to folder: String) throws(IMAPError) {
        try check(IMAPResultCode(rawValue: lm_imap_uid_move(imap, uid, folder)), "move \(uid) to \(folder)")
    }

    /// Waits with IMAP IDLE until the server announces a change or `seconds` pass. Nil when the
    /// server has no IDLE (the caller polls instead).
    /// How many messages the selected folder holds, as the server last said.
    var selectedCount: UInt32 { lm_imap_selected_exists(imap) }

    func idle(seconds: Int) throws(IMAPError) -> Bool? {
        switch lm_imap_idle_wait(imap, Int32(seconds)) {
        case 1: return true
        case 0: return false
        default:
            guard mailimap_has_idle(imap) != 0 else { return nil }
            throw IMAPError("IMAP IDLE failed")
        }
    }

    private func check(_ code: IMAPResultCode, _ what: String) throws(IMAPError) {
        guard code.isSuccess else {
            throw IMAPError("IMAP \(what): \(code)", isMessageRefusal: [MAILIMAP_ERROR_FETCH, MAILIMAP_ERROR_UID_FETCH].contains(Int(code.rawValue)))
        }
    }
}
