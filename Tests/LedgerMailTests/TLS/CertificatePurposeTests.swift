import Foundation
import Testing
@testable import LedgerMail

/// A CA the gateway trusts may also sign client or e-mail certificates; only one issued for TLS
/// servers may stand for the SMTP or IMAP server, before any password goes out. The stack has one
/// certificate, so a TLS listener that only greets (Support/tls_greeter.py) presents the others.
@Suite("Certificate purpose", .enabled(if: CertificateLab.available, CertificateLab.skipNote))
struct CertificatePurposeTests {
    @Test("IMAP: a trusted certificate issued for TLS clients only is refused before LOGIN")
    func imapClientCertificateRefused() async throws {
        let greeter = try CertificateLab().serve(.imap, leafPurpose: "clientAuth")
        await #expect { try await readInbox(at: greeter) } throws: { "\($0)".contains("not for TLS servers") }
        let sent = try await greeter.received()
        #expect(!sent.contains("LOGIN"), "the password went out: \(sent)")
    }

    @Test("IMAP: the same CA's certificate for TLS servers passes the check, LOGIN follows")
    func imapServerCertificateAccepted() async throws {
        let greeter = try CertificateLab().serve(.imap, leafPurpose: "serverAuth")
        await #expect { try await readInbox(at: greeter) } throws: { "\($0)".contains("login refused") }
        #expect(try await greeter.received().contains("LOGIN"))
    }

    @Test("SMTP: a trusted certificate issued for TLS clients only is refused before AUTH")
    func smtpClientCertificateRefused() async throws {
        let greeter = try CertificateLab().serve(.smtp, leafPurpose: "clientAuth")
        let outcome = try await send(through: greeter)
        guard case .transientFailure(let reason) = outcome else { Issue.record("sent: \(outcome)"); return }
        #expect("\(reason)".contains("not for TLS servers"), "\(reason)")
        let sent = try await greeter.received()
        #expect(!sent.contains("AUTH") && !sent.contains("MAIL FROM"), "the password or the mail went out: \(sent)")
    }

    @Test("SMTP with STARTTLS: a trusted certificate issued for TLS clients only is refused before AUTH")
    func smtpStartTLSClientCertificateRefused() async throws {
        let greeter = try CertificateLab().serve(.smtpSTARTTLS, leafPurpose: "clientAuth")
        let outcome = try await send(through: greeter, url: "smtp://127.0.0.1:\(greeter.port)")
        guard case .transientFailure(let reason) = outcome else { Issue.record("sent: \(outcome)"); return }
        #expect(reason.contains("not for TLS servers"), "\(reason)")
        let sent = try await greeter.received()
        #expect(sent.contains("STARTTLS"), "it did get as far as the TLS upgrade: \(sent)")
        #expect(!sent.contains("AUTH") && !sent.contains("MAIL FROM"), "the password or the mail went out: \(sent)")
    }

    @Test("SMTP with STARTTLS: a certificate for TLS servers passes, AUTH follows")
    func smtpStartTLSServerCertificateAccepted() async throws {
        let greeter = try CertificateLab().serve(.smtpSTARTTLS, leafPurpose: "serverAuth")
        let outcome = try await send(through: greeter, url: "smtp://127.0.0.1:\(greeter.port)")
        #expect(try await greeter.received().contains("AUTH"), "\(outcome)")
    }

    @Test("SMTP: the same CA's certificate for TLS servers passes the check, AUTH follows")
    func smtpServerCertificateAccepted() async throws {
        let greeter = try CertificateLab().serve(.smtp, leafPurpose: "serverAuth")
        let outcome = try await send(through: greeter)
        #expect(try await greeter.received().contains("AUTH"), "\(outcome)")
    }

    @Test("SMTP: a server that shows another key after the check is checked again before anything is sent")
    func smtpSwappedKeyCheckedAgain() async throws {
        let greeter = try CertificateLab().serve(.smtp, leafPurpose: "serverAuth", laterLeafPurpose: "clientAuth")
        let outcome = try await send(through: greeter)
        guard case .transientFailure(let reason) = outcome else { Issue.record("sent: \(outcome)"); return }
        #expect(reason.contains("not for TLS servers"), "\(reason)")
        let sent = try await greeter.received()
        #expect(!sent.contains("AUTH") && !sent.contains("MAIL FROM"), "the password or the mail went out: \(sent)")
    }

    @Test("SMTP: a renewed certificate that passes the check: the same send goes on")
    func smtpRenewedKeyAccepted() async throws {
        let greeter = try CertificateLab().serve(.smtp, leafPurpose: "serverAuth", laterLeafPurpose: "serverAuth")
        let outcome = try await send(through: greeter)
        #expect(try await greeter.received().contains("AUTH"), "\(outcome)")
    }

    @Test("IMAP: a client-only certificate from a CA nobody trusts is told as untrusted (tls.ca_file), not as a purpose")
    func untrustedBeforePurpose() async throws {
        let greeter = try CertificateLab().serve(.imap, leafPurpose: "clientAuth")
        let otherCA = try CertificateLab().caFile
        await #expect { try await readInbox(at: greeter, caFile: otherCA) } throws: { "\($0)".contains("not trusted") }
        #expect(!(try await greeter.received().contains("LOGIN")))
    }

    private func readInbox(at greeter: CertificateLab.Greeter, caFile: String? = nil) async throws {
        let imap = IMAPServer(url: URL(string: "imaps://127.0.0.1:\(greeter.port)")!, requireSTARTTLS: false,
                              username: "owner@gateway.test", password: "never-sent", caFile: caFile ?? greeter.caFile)
        _ = try await TestGateway.make(imap: imap).gateway.inboxReader.readNewMail()
    }

    private func send(through greeter: CertificateLab.Greeter, url: String? = nil) async throws -> SMTPTransfer.Outcome {
        let smtp = SMTPServer(url: URL(string: url ?? "smtps://127.0.0.1:\(greeter.port)")!, requireSTARTTLS: url != nil,
                              username: "owner@gateway.test", password: "never-sent", caFile: greeter.caFile,
                              heloName: "gateway.test")
        let message = Data("From: a@gateway.test\r\nTo: b@acct.test\r\nSubject: x\r\n\r\nx\r\n".utf8)
        return try await SMTPClient(server: smtp).send(envelopeFrom: try EmailAddress("a@gateway.test"),
                                                   recipients: [try EmailAddress("b@acct.test")], message: message).outcome
    }
}
