import Foundation
import Testing
@testable import LedgerMail

/// Every error a user can meet names the cause and the next step, in words, not codes.
@Suite("Actionable errors", .enabled(if: CertificateLab.available, CertificateLab.skipNote))
struct ActionableErrorTests {
    @Test("SMTP: a certificate for another host is reported as a name mismatch, not as an untrusted CA")
    func smtpNameMismatch() async throws {
        let greeter = try CertificateLab().serve(.smtpSTARTTLS, leafPurpose: "serverAuth")
        let smtp = SMTPServer(url: URL(string: "smtp://localhost:\(greeter.port)")!, requireSTARTTLS: true,
                              username: "owner@gateway.test", password: "never-sent", caFile: greeter.caFile, heloName: "gateway.test")
        let message = Data("From: a@gateway.test\r\nTo: b@acct.test\r\nSubject: x\r\n\r\nx\r\n".utf8)
        let outcome = try await SMTPClient(server: smtp).send(envelopeFrom: try EmailAddress("a@gateway.test"),
                                                             recipients: [try EmailAddress("b@acct.test")], message: message).outcome
        guard case .transientFailure(let reason) = outcome else { Issue.record("sent: \(outcome)"); return }
        #expect(reason.contains("not for 'localhost'") && !reason.contains("tls.ca_file"), "\(reason)")
        #expect(reason.contains("smtp.url"), "names the next step: \(reason)")
        #expect(!(try await greeter.received().contains("AUTH")))
    }

    @Test("IMAP: a server that refuses STARTTLS is told as such, with the next step, before any password")
    func imapStartTLSRefused() async throws {
        let server = try RefusingIMAPServer()
        let imap = IMAPServer(url: URL(string: "imap://127.0.0.1:\(server.port)")!, requireSTARTTLS: true,
                              username: "owner@gateway.test", password: "never-sent")
        await #expect { _ = try await TestGateway.make(imap: imap).gateway.inboxReader.readNewMail() } throws: { error in
            let text = "\(error)"
            return text.contains("STARTTLS") && text.contains("imaps://") && !text.contains("libetpan")
        }
        #expect(!server.received().contains("LOGIN"))
    }
}

/// An IMAP server in the clear that answers STARTTLS with BAD.
struct RefusingIMAPServer {
    let port: Int
    let log: URL
    let process: Process

    init() throws {
        log = FileManager.default.temporaryDirectory.appendingPathComponent("imap-refusal-\(UUID().uuidString).log")
        let script = """
            import socket, sys
            s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(1); s.settimeout(20)
            print(s.getsockname()[1], flush=True)
            c, _ = s.accept(); c.settimeout(10); out = open(sys.argv[1], "w")
            c.sendall(b"* OK IMAP4rev1 ready\\r\\n")
            while True:
                data = c.recv(4096)
                if not data: break
                out.write(data.decode("latin-1")); out.flush()
                tag = data.split(b" ", 1)[0]
                if b"STARTTLS" in data.upper(): c.sendall(tag + b" BAD STARTTLS not available\\r\\n")
                elif b"LOGOUT" in data.upper(): c.sendall(b"* BYE\\r\\n" + tag + b" OK\\r\\n"); break
                else: c.sendall(tag + b" BAD no\\r\\n")
            """
        (process, port) = try CertificateLab.listen(python: ["-c", script, log.path])
    }

    func received() -> String {
        if process.isRunning { process.terminate() }
        return (try? String(contentsOf: log, encoding: .isoLatin1)) ?? ""
    }
}
