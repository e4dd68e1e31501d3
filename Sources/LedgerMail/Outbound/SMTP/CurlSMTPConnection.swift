import CCurl
import Foundation

/// One libcurl easy handle talking SMTP. Reusing the handle keeps the connection open, so a
/// batch of messages goes over one SMTP session.
///
/// `@unchecked Sendable`: the handle is only ever used from `SMTPClient`'s serial queue, one
/// transfer at a time; nothing else sees the pointer.
final class CurlSMTPConnection: @unchecked Sendable {
    private let handle: UnsafeMutableRawPointer
    private let server: SMTPServer
    /// The server key this handle's TLS sessions must present (CURLOPT_PINNEDPUBLICKEY), once
    /// `checkServerIdentity` has vetted the server's certificate.
    private var pinnedKey: String?

    private static let globalInit: Bool = { lm_curl_global_init_all() == CURLE_OK }()

    init(server: SMTPServer) throws {
        guard Self.globalInit, let handle = curl_easy_init() else {
            throw CurlUnavailable()
        }
        self.handle = handle
        self.server = server
    }

    private var closed = false

    /// Ends the session (QUIT, and waiting for the reply: it blocks). Idempotent.
    func close() {
        guard !closed else { return }
        closed = true
        curl_easy_cleanup(handle)
    }

    deinit { close() }

    /// Sends `message` (already strict CRLF) from `envelopeFrom` to `recipients`, read piece by
    /// piece as libcurl uploads it. Blocks.
    func send(envelopeFrom: String, recipients: [String], message: MIMEPieces) -> SMTPTransfer {
        let transfer = attempt(envelopeFrom: envelopeFrom, recipients: recipients, message: message)
        // Another key than the one checked (a renewed certificate, another front end): refused at
        // the handshake, before anything was said. Check that server's certificate and go once more.
        guard transfer.pinnedKeyMismatch else { return transfer }
        return attempt(envelopeFrom: envelopeFrom, recipients: recipients, message: message)
    }

    private func attempt(envelopeFrom: String, recipients: [String], message: MIMEPieces) -> SMTPTransfer {
        if let refusal = checkServerIdentity() {
            return SMTPTransfer(outcome: .transientFailure(refusal), recipientReplies: [:], newConnections: 0)
        }
        let upload = UploadSource(reader: MIMEReader(message))
        let recorder = TranscriptRecorder()
        var recipientList: UnsafeMutablePointer<curl_slist>?
        for recipient in recipients { recipientList = curl_slist_append(recipientList, "<\(recipient)>") }
        defer { curl_slist_free_all(recipientList) }

        let uploadPointer = Unmanaged.passRetained(upload).toOpaque()
        let recorderPointer = Unmanaged.passRetained(recorder).toOpaque()
        defer {
            Unmanaged<UploadSource>.fromOpaque(uploadPointer).release()
            Unmanaged<TranscriptRecorder>.fromOpaque(recorderPointer).release()
        }

        configure(envelopeFrom: envelopeFrom, recipients: recipientList)
        lm_curl_setopt_pointer(handle, CURLOPT_READDATA, uploadPointer)
        lm_curl_setopt_pointer(handle, CURLOPT_DEBUGDATA, recorderPointer)
        let code = CurlCode(curl_easy_perform(handle))
        if code == .sslPinnedPublicKeyMismatch { pinnedKey = nil }
        var connects = 0
        lm_curl_getinfo_long(handle, CURLINFO_NUM_CONNECTS, &connects)
        var transfer = Self.transfer(code: code, transcript: recorder.transcript, recipients: recipients, newConnections: connects)
        transfer.pinnedKeyMismatch = code == .sslPinnedPublicKeyMismatch
        if let refusal = recorder.transcript.sessionRefusal, refusal.command == "AUTH" {
            transfer.loginRefusal = refusal.reply.text
        } else if code == .loginDenied {
            transfer.loginRefusal = Self.explain(code)
        }
        if let failure = upload.reader.failure {
            // The upload was aborted, so the server took nothing: worth another try later.
            transfer.outcome = .transientFailure("the mail could not be read to its end: \(failure)")
        }
        return transfer
    }

    /// libcurl's GnuTLS backend checks the chain and the name but not the key purpose, and it
    /// logs in right after the handshake. So a first session, without credentials and without a
    /// message, only connects (EHLO, STARTTLS); its certificate goes through the gateway's own
    /// check, and the real sessions are then pinned to that key. Returns why the server is
    /// refused, or nil.
    private func checkServerIdentity() -> String? {
        guard !server.insecure, server.isImplicitTLS || server.requireSTARTTLS, pinnedKey == nil else { return nil }
        guard let probe = curl_easy_init() else { return "libcurl could not start a session" }
        defer { curl_easy_cleanup(probe) }
        applyConnectionOptions(to: probe)
        // The probe carries nothing and is judged below by the one check both protocols share,
        // which says why (another host, another CA, another purpose); libcurl's own verdict here
        // would only say "not OK". The real sessions keep libcurl's checks and the pin.
        lm_curl_setopt_long(probe, CURLOPT_SSL_VERIFYPEER, 0)
        lm_curl_setopt_long(probe, CURLOPT_SSL_VERIFYHOST, 0)
        lm_curl_setopt_long(probe, CURLOPT_CONNECT_ONLY, 1)
        lm_curl_setopt_long(probe, CURLOPT_CERTINFO, 1)
        let code = CurlCode(curl_easy_perform(probe))
        guard code == .ok else { return Self.explain(code) }
        var chain: [Data] = []
        while let pem = lm_curl_certificate_pem(probe, Int32(chain.count)), let der = PEM.certificateDER(String(cString: pem)) {
            chain.append(der)
        }
        let name = "the SMTP server \(server.url.host ?? "")\(server.url.port.map { ":\($0)" } ?? "")"
        do {
            try PeerCertificateCheck.verify(chain: chain, caFile: server.caFile, host: server.url.host ?? "")
        } catch {
            return error.explain(name)
        }
        guard let pin = chain.first.flatMap(PeerCertificateCheck.publicKeyPin) else {
            return "\(name) sent a certificate whose key could not be read"
        }
        pinnedKey = pin
        return nil
    }

    private func configure(envelopeFrom: String, recipients: UnsafeMutablePointer<curl_slist>?) {
        applyConnectionOptions(to: handle)
        if let pinnedKey { lm_curl_setopt_string(handle, CURLOPT_PINNEDPUBLICKEY, pinnedKey) }
        if let username = server.username {
            lm_curl_setopt_string(handle, CURLOPT_USERNAME, username)
            lm_curl_setopt_string(handle, CURLOPT_PASSWORD, server.password ?? "")
        }
        lm_curl_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(envelopeFrom)>")
        lm_curl_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients)
        // Go on when some RCPT TO are refused: the others still get the mail, each with its reply.
        lm_curl_setopt_long(handle, CURLOPT_MAIL_RCPT_ALLLOWFAILS, 1)
        lm_curl_setopt_long(handle, CURLOPT_UPLOAD, 1)
        lm_curl_setopt_read_function(handle, uploadCallback)
        lm_curl_setopt_debug_function(handle, debugCallback)
        lm_curl_setopt_long(handle, CURLOPT_VERBOSE, 1)   // the debug callback only runs in verbose mode
    }

    /// Where and how to connect: the same for the identity check and the real sessions.
    private func applyConnectionOptions(to handle: UnsafeMutableRawPointer) {
        lm_curl_setopt_string(handle, CURLOPT_URL, server.curlURL)
        lm_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
        lm_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT, 30)
        // Abort a stalled transfer (under 1 byte/s for a minute) rather than hang forever.
        lm_curl_setopt_long(handle, CURLOPT_LOW_SPEED_LIMIT, 1)
        lm_curl_setopt_long(handle, CURLOPT_LOW_SPEED_TIME, 60)
        if !server.isImplicitTLS {
            let level = server.requireSTARTTLS ? CURLUSESSL_ALL : CURLUSESSL_NONE
            lm_curl_setopt_long(handle, CURLOPT_USE_SSL, Int(level.rawValue))
        }
        if let caFile = server.caFile { lm_curl_setopt_string(handle, CURLOPT_CAINFO, caFile) }
        lm_curl_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, server.insecure ? 0 : 1)
        lm_curl_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, server.insecure ? 0 : 2)
    }

    private static func transfer(code: CurlCode, transcript: SMTPTranscript, recipients: [String],
                                 newConnections: Int) -> SMTPTransfer {
        let replies = transcript.recipientReplies
        let refused = recipients.compactMap { replies[$0] }.filter { !$0.isPositive }
        let outcome: SMTPTransfer.Outcome
        if code == .ok, let last = transcript.lastReply, last.isPositive {
            // Accepted, even after a refused EHLO that curl recovered from with HELO.
            outcome = .accepted(last)
        } else if let refusal = transcript.sessionRefusal {
            // A refused login or TLS step is our configuration, not the document: keep it for a retry.
            outcome = .transientFailure("the SMTP server refused the session (\(refusal.command)): \(refusal.reply.text)")
        } else if !recipients.isEmpty, refused.count == recipients.count {
            // Every RCPT TO refused: permanent only when every refusal is.
            let transient = refused.first(where: \.isTransient)
            outcome = transient.map { .transientFailure($0.text) } ?? .permanentFailure(refused[0].text)
        } else if let failing = transcript.lastRefusal {
            outcome = failing.isPermanent ? .permanentFailure(failing.text) : .transientFailure(failing.text)
        } else {
            outcome = .transientFailure(Self.explain(code))
        }
        return SMTPTransfer(outcome: outcome, recipientReplies: replies, newConnections: newConnections)
    }

    /// A sentence for a transfer that got no SMTP verdict.
    private static func explain(_ code: CurlCode) -> String {
        switch code {
        case .peerFailedVerification, .sslCACertBadFile:
            return "the SMTP server's TLS certificate is not trusted (\(code)); set tls.ca_file to its CA"
        case .useSSLFailed:
            return "the SMTP server does not offer STARTTLS, and smtp.starttls is required: use smtps:// with its TLS port (often 465), or enable STARTTLS on the server"
        case .loginDenied:
            return "the SMTP server refused the login (smtp.username / smtp.password)"
        case .sslPinnedPublicKeyMismatch:
            return "the SMTP server's key changed since its certificate was checked; it is checked again on the next attempt"
        default:
            return "SMTP: \(code) (curl error \(code.rawValue))"
        }
    }
}

/// The message libcurl pulls through the read callback.
private final class UploadSource {
    let reader: MIMEReader
    init(reader: MIMEReader) { self.reader = reader }
}

private final class TranscriptRecorder {
    var transcript = SMTPTranscript()
}

private let uploadCallback: lm_curl_read_callback = { buffer, size, count, userdata in
    guard let buffer, let userdata else { return 0 }
    let source = Unmanaged<UploadSource>.fromOpaque(userdata).takeUnretainedValue()
    return source.reader.read(into: UnsafeMutableRawPointer(buffer), capacity: size * count) ?? Int(CURL_READFUNC_ABORT)
}

private let debugCallback: lm_curl_debug_callback = { _, type, data, size, userdata in
    guard let data, let userdata, type == CURLINFO_HEADER_IN || type == CURLINFO_HEADER_OUT else { return 0 }
    let recorder = Unmanaged<TranscriptRecorder>.fromOpaque(userdata).takeUnretainedValue()
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    if type == CURLINFO_HEADER_IN { recorder.transcript.received(text) } else { recorder.transcript.sent(text) }
    return 0
}
