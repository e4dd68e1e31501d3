import CGnuTLS
import Crypto
import Foundation

/// What the gateway demands of every TLS server before it sends a password or a document: a chain
/// to a trusted CA (`tls.ca_file`, or the system store), a leaf issued for TLS servers, and the
/// host's name (or IP) in it. SMTP and IMAP run the same check (GnuTLS, in CGnuTLS).
enum PeerCertificateCheck {
    /// Checks `chain` (DER, leaf first) for `host`.
    static func verify(chain: [Data], caFile: String?, host: String) throws(PeerCertificateRefusal) {
        guard !chain.isEmpty else { throw .noCertificate }
        var status: UInt32 = 0
        let verdict = withDERBuffers(chain) { ders, lengths in
            lm_tls_verify_chain(ders, lengths, UInt32(chain.count), caFile, host, &status)
        }
        switch Int(verdict) {
        case LM_TLS_OK: return
        case LM_TLS_CA_UNREADABLE: throw .caFileUnreadable(caFile ?? "")
        case LM_TLS_UNTRUSTED: throw .untrusted(gnutlsStatus: status)
        case LM_TLS_WRONG_PURPOSE: throw .notForServers
        case LM_TLS_NAME_MISMATCH: throw .otherHost(host)
        default: throw .uncheckable
        }
    }

    /// `sha256//BASE64` of the leaf's public key, as CURLOPT_PINNEDPUBLICKEY takes it.
    static func publicKeyPin(of leaf: Data) -> String? {
        var spki: UnsafeMutablePointer<UInt8>?
        let length = leaf.withUnsafeBytes { bytes in
            lm_tls_public_key_info(bytes.bindMemory(to: UInt8.self).baseAddress, UInt32(bytes.count), &spki)
        }
        defer { free(spki) }
        guard length > 0, let spki else { return nil }
        let digest = SHA256.hash(data: UnsafeBufferPointer(start: spki, count: length))
        return "sha256//" + Data(digest).base64EncodedString()
    }

    /// Hands GnuTLS pointers into `chain` for the duration of `body` only.
    private static func withDERBuffers<R>(_ chain: [Data],
                                         _ body: (UnsafePointer<UnsafePointer<UInt8>?>, UnsafePointer<UInt32>) -> R) -> R {
        let copies = chain.map { data -> UnsafeMutableBufferPointer<UInt8> in
            let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: max(data.count, 1))
            _ = buffer.initialize(from: data)
            return buffer
        }
        defer { copies.forEach { $0.deallocate() } }
        let pointers: [UnsafePointer<UInt8>?] = copies.map { UnsafePointer($0.baseAddress) }
        let lengths = chain.map { UInt32($0.count) }
        return pointers.withUnsafeBufferPointer { ders in
            lengths.withUnsafeBufferPointer { body(ders.baseAddress!, $0.baseAddress!) }
        }
    }
}

/// Why a server's certificate was refused; `explain(_:)` words it for the owner.
enum PeerCertificateRefusal: Error, Equatable {
    case noCertificate
    /// GnuTLS could not check at all: a certificate it cannot parse, or no trust store to load.
    case uncheckable
    case caFileUnreadable(String)
    case untrusted(gnutlsStatus: UInt32)
    case notForServers
    case otherHost(String)

    /// `server` names it, e.g. "the IMAP server 127.0.0.1:993".
    func explain(_ server: String) -> String {
        switch self {
        case .noCertificate:
            return "\(server) gave no certificate that could be checked; nothing was sent to it"
        case .uncheckable:
            return "\(server)'s certificate could not be checked (unreadable, or the system trust store could not be loaded: set tls.ca_file); nothing was sent to it"
        case .caFileUnreadable(let file):
            return "tls.ca_file '\(file)' holds no readable PEM certificate"
        case .untrusted(let status):
            return "\(server) presented a certificate that is not trusted (GnuTLS status \(status)); nothing was sent to it. Set tls.ca_file to its CA"
        case .notForServers:
            return "\(server) presented a certificate that is not for TLS servers (its extended key usage leaves out serverAuth); nothing was sent to it"
        case .otherHost(let host):
            return "\(server)'s certificate is not for '\(host)' (a host name mismatch); nothing was sent to it. Put a name the certificate lists in smtp.url / imap.url, or have the server's certificate issued for '\(host)'"
        }
    }
}

/// PEM text, as libcurl's certificate info gives it.
enum PEM {
    /// The DER bytes of the first CERTIFICATE block, or nil.
    static func certificateDER(_ text: String) -> Data? {
        guard let begin = text.range(of: "-----BEGIN CERTIFICATE-----"),
              let end = text.range(of: "-----END CERTIFICATE-----", range: begin.upperBound..<text.endIndex) else { return nil }
        let base64 = text[begin.upperBound..<end.lowerBound].filter { !$0.isWhitespace }
        return Data(base64Encoded: String(base64))
    }
}
