import Foundation
import Testing
@testable import LedgerMail

/// The project's real test mail stack (`scripts/mailstack`): Postfix and Dovecot on loopback.
///
/// Tests that need it are enabled when it runs. `scripts/test` starts it and sets
/// LEDGERMAIL_REQUIRE_MAILSTACK=1, so there a missing stack fails loudly instead of skipping.
enum MailStack {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = ProcessInfo.processInfo.environment["LEDGERMAIL_MAILSTACK_DIR"] ?? "/tmp/lm-stack"
    static let caFile = directory + "/tls/cert.pem"
    static let password = "secret"
    static let host = "127.0.0.1"

    static var isRunning: Bool {
        FileManager.default.fileExists(atPath: caFile) && run("scripts/mailstack", ["status"]).status == 0
    }

    /// Enabled when the stack runs; when it is required and missing, enabled anyway so the test fails.
    static var available: Bool {
        isRunning || ProcessInfo.processInfo.environment["LEDGERMAIL_REQUIRE_MAILSTACK"] == "1"
    }

    static let skipNote: Comment = "needs the test mail stack: scripts/mailstack start (scripts/test does it)"

    static var smtp: SMTPServer {
        SMTPServer(url: URL(string: "smtp://127.0.0.1:2525")!, requireSTARTTLS: true, caFile: caFile, heloName: "gateway.test")
    }

    static func imap(_ user: String = "bounces@gateway.test") -> IMAPServer {
        IMAPServer(url: URL(string: "imap://127.0.0.1:1143")!, requireSTARTTLS: true, username: user, password: password,
                   caFile: caFile)
    }

    /// Empties every mailbox and the queue, so each test starts from nothing.
    static func reset() {
        _ = run("scripts/mailstack", ["reset"])
    }

    /// One mailbox as Python's `email` package (strict policy) reads it over IMAP.
    static func fetch(_ user: String) throws -> [FetchedMessage] {
        let result = run("/usr/bin/env", ["python3", "scripts/fetch-mailbox",
                                          host, "1143", caFile, user, password])
        guard result.status == 0 else { throw StackError("scripts/fetch-mailbox failed: \(result.output)") }
        return try JSONDecoder().decode([FetchedMessage].self, from: Data(result.output.utf8))
    }

    /// How many messages a mailbox's folder holds (cheap: no parsing).
    static func count(_ user: String, folder: String = "INBOX") throws -> Int {
        let result = run("/usr/bin/env", ["python3", "scripts/fetch-mailbox", "--count", host, "1143", caFile, user, password, folder])
        guard result.status == 0, let count = Int(result.output.trimmingCharacters(in: .whitespacesAndNewlines)) else {
            throw StackError("scripts/fetch-mailbox --count failed: \(result.output)")
        }
        return count
    }

    /// Polls a mailbox until it holds `count` messages, without fetching them.
    static func waitForCount(_ count: Int, in user: String, seconds: Double = 60) async throws -> Int {
        let deadline = Date().addingTimeInterval(seconds)
        var current = try self.count(user)
        while current < count && Date() < deadline {
            try await Task.sleep(for: .milliseconds(300))
            current = try self.count(user)
        }
        return current
    }

    /// `flaky@acct.test` answers 450 at RCPT while on.
    static func flaky(_ on: Bool) { run("scripts/mailstack", ["flaky", on ? "on" : "off"]) }

    /// Postfix refuses mails over `bytes` with 552 (nil: back to 50 MB).
    static func sizeLimit(_ bytes: Int?) { run("scripts/mailstack", ["size-limit", bytes.map(String.init) ?? "off"]) }

    /// Stops or starts Postfix alone: an SMTP outage while IMAP stays up.
    static func smtp(up: Bool) { run("scripts/mailstack", ["smtp", up ? "up" : "down"]) }

    /// The text bodies of a mailbox's messages (Python's `email`, decoded).
    static func bodies(_ user: String) throws -> [String] {
        let result = python("""
            import email, email.policy, json
            bodies = []
            for raw in fetch_all():
                m = email.message_from_bytes(raw, policy=email.policy.default)
                b = m.get_body(preferencelist=("plain",))
                bodies.append(b.get_content() if b is not None else "")
            print(json.dumps(bodies))
            """, user: user)
        return try JSONDecoder().decode([String].self, from: Data(result.utf8))
    }

    /// The raw bytes of a mailbox's messages, as Dovecot stores them.
    static func raw(_ user: String) throws -> [Data] {
        let result = python("""
            import base64, json
            print(json.dumps([base64.b64encode(raw).decode() for raw in fetch_all()]))
            """, user: user)
        return try JSONDecoder().decode([String].self, from: Data(result.utf8)).compactMap { Data(base64Encoded: $0) }
    }

    /// Every entry of every ZIP attached in a mailbox: name → sha256 of its bytes.
    static func zipEntries(_ user: String) throws -> [String: String] {
        let result = python("""
            import email, email.policy, hashlib, io, json, zipfile
            entries = {}
            for raw in fetch_all():
                m = email.message_from_bytes(raw, policy=email.policy.default)
                for part in m.iter_attachments():
                    if part.get_content_type() == "application/zip":
                        with zipfile.ZipFile(io.BytesIO(part.get_payload(decode=True))) as z:
                            for name in z.namelist():
                                entries[name] = hashlib.sha256(z.read(name)).hexdigest()
            print(json.dumps(entries))
            """, user: user)
        return try JSONDecoder().decode([String: String].self, from: Data(result.utf8))
    }

    /// Runs a Python snippet that has `fetch_all()` (every raw message of `user`'s INBOX).
    private static func python(_ body: String, user: String) -> String {
        let prelude = """
            import imaplib, ssl
            def fetch_all():
                m = imaplib.IMAP4('\(host)', 1143)
                m.starttls(ssl_context=ssl.create_default_context(cafile='\(caFile)'))
                m.login('\(user)', '\(password)')
                m.select('INBOX', readonly=True)
                out = []
                for uid in m.uid('SEARCH', None, 'ALL')[1][0].split():
                    out.append(m.uid('FETCH', uid, '(BODY.PEEK[])')[1][0][1])
                m.logout()
                return out

            """
        return run("/usr/bin/env", ["python3", "-c", prelude + body]).output
    }

    /// Dovecot's log so far (to see what a client did or did not try).
    static func dovecotLog() -> String {
        (try? String(contentsOfFile: directory + "/log/dovecot.log", encoding: .utf8)) ?? ""
    }

    /// SMTP sessions Postfix has accepted so far (its log's `connect from` lines).
    static func connections() -> Int {
        let log = run("scripts/mailstack", ["log"]).output.trimmingCharacters(in: .whitespacesAndNewlines)
        let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return text.components(separatedBy: "\n").filter { $0.contains("]: connect from") }.count
    }

    /// Polls a mailbox until it holds `count` messages (or the time is up), then returns them.
    static func waitFor(_ count: Int, in user: String, seconds: Double = 30) async throws -> [FetchedMessage] {
        let deadline = Date().addingTimeInterval(seconds)
        var messages = try fetch(user)
        while messages.count < count && Date() < deadline {
            try await Task.sleep(for: .milliseconds(300))
            messages = try fetch(user)
        }
        return messages
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable.hasPrefix("/") ? URL(fileURLWithPath: executable) : repository.appendingPathComponent(executable)
        process.arguments = arguments
        process.currentDirectoryURL = repository
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return (-1, "\(error)") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

struct FetchedMessage: Decodable {
    struct Attachment: Decodable {
        var filename: String?
        var content_type: String
        var sha256: String
        var size: Int
    }
    var subject: String
    var message_id: String
    var from: String
    var to: String
    var return_path: String
    var attachments: [Attachment]
    var defects: [String]
    var long_lines: Int
    var bare_lf: Int
}

struct StackError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
