import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// The gateway's inbox on real servers: what comes back changes exactly what it should.
@Suite("Inbound on the real stack")
struct InboundStackTests {
    init() { MailStack.reset() }

    /// A dossier with one sent purchase invoice; returns its document id and Message-ID.
    func sentInvoice(_ test: TestGateway, to address: String = "inkoop@acct.test") async throws -> (Int64, String) {
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: [address])
        guard case .stored(let id, _, _, _, _, _) = try test.gateway.imports.file(dossier: "acme", file: Samples.purchaseInvoice) else {
            throw StackError("import failed")
        }
        let report = try await test.gateway.outbox.send(dossier: "acme", selection: .everythingWaiting)
        try #require(report.sent == 1, "\(report.problems)")
        let messageID = try #require(try test.gateway.status(dossier: "acme").first?.deliveries.first?.messageID)
        return (id, messageID)
    }

    /// Sends a raw mail into the stack over SMTP (as another party would).
    func deliver(_ text: String, from: String, to: String) async throws {
        let client = try SMTPClient(server: MailStack.smtp)
        let message = Data(text.replacingOccurrences(of: "\n", with: "\r\n").utf8)
        let transfer = await client.send(envelopeFrom: try EmailAddress(from), recipients: [try EmailAddress(to)], message: message)
        guard case .accepted = transfer.outcome else { throw StackError("not accepted: \(transfer.outcome)") }
    }

    /// Runs inbox passes until `condition` holds or 30 s pass.
    func readUntil(_ test: TestGateway, seconds: Double = 30, _ condition: () throws -> Bool) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        repeat {
            _ = try await test.gateway.inboxReader.readNewMail()
            if try condition() { return }
            try await Task.sleep(for: .milliseconds(300))
        } while Date() < deadline
    }

    func firstDocument(_ test: TestGateway) throws -> DocumentStatus {
        try #require(try test.gateway.status(dossier: "acme").first)
    }

    @Test("a reply from the accountant's mailbox is attached to its document")
    func replyAttached() async throws {
        let test = try TestGateway.make()
        let (_, messageID) = try await sentInvoice(test)
        try await deliver("""
            From: Boekhouder <boekhouder@acct.test>
            To: bounces@gateway.test
            Subject: Re: Acme BV: Aankoopfactuur LEV/2026/0815
            Message-ID: <reply-1@acct.test>
            In-Reply-To: \(messageID)
            References: \(messageID)

            Graag ook de bestelbon erbij.
            """, from: "boekhouder@acct.test", to: "bounces@gateway.test")
        try await readUntil(test) { try firstDocument(test).inbound.contains { $0.kind == .reply } }
        let document = try firstDocument(test)
        #expect(document.inbound.first?.kind == .reply && document.inbound.first?.summary.contains("Re:") == true)
        #expect(document.deliveries.first?.state == .sent, "a reply changes no state")
    }

    @Test("a queue-deferred recipient: the delay DSN is noted, the delivery stays alive")
    func delayNoted() async throws {
        MailStack.run("scripts/mailstack", ["delay-warnings", "5"])
        defer { MailStack.run("scripts/mailstack", ["delay-warnings", "off"]) }
        let test = try TestGateway.make()
        _ = try await sentInvoice(test, to: "deferq@acct.test")
        try await readUntil(test, seconds: 90) { try firstDocument(test).inbound.contains { $0.kind == .delay } }
        let document = try firstDocument(test)
        let delay = try #require(document.inbound.first { $0.kind == .delay })
        #expect(delay.summary.contains("deferq@acct.test") && delay.summary.contains("4.4.1"), "\(delay.summary)")
        #expect(document.deliveries.first?.state == .sent && document.deliveries.first?.bounce == nil, "still alive")
        MailStack.run("scripts/mailstack", ["reset"])   // drop the held mail: no more warnings
    }

    @Test("a forged bounce, with a bad token or none, is unmatched: the delivery stays sent")
    func forgedBounce() async throws {
        let test = try TestGateway.make()
        let (_, messageID) = try await sentInvoice(test)
        let deliveryID = try #require(try test.gateway.status(dossier: "acme").first?.deliveries.first?.id)
        for target in ["bounces+d\(deliveryID)-00000000000000000000@gateway.test", "bounces@gateway.test"] {
            try await deliver("""
                From: MAILER-DAEMON@evil.example
                To: \(target)
                Subject: Undelivered Mail Returned to Sender
                MIME-Version: 1.0
                Content-Type: multipart/report; report-type=delivery-status; boundary="b"

                --b
                Content-Type: text/plain

                Your message could not be delivered.
                --b
                Content-Type: message/delivery-status

                Reporting-MTA: dns; evil.example

                Final-Recipient: rfc822; inkoop@acct.test
                Action: failed
                Status: 5.1.1

                --b
                Content-Type: text/rfc822-headers

                Message-ID: \(messageID)
                --b--
                """, from: "postmaster@gateway.test", to: target)
        }
        var report = InboxReport()
        let deadline = Date().addingTimeInterval(30)
        repeat {
            let pass = try await test.gateway.inboxReader.readNewMail()
            report.read += pass.read
            report.bounces += pass.bounces
            if report.read >= 2 { break }
            try await Task.sleep(for: .milliseconds(300))
        } while Date() < deadline
        #expect(report.read == 2 && report.bounces == 0)
        let delivery = try #require(try firstDocument(test).deliveries.first)
        #expect(delivery.state == .sent && delivery.bounce?.verified != true, "shown, if at all, as unverified")
        let unmatched = try test.gateway.inboxListing.entries(dossier: "acme", unmatched: true)
        #expect(unmatched.count + (try test.gateway.inboxListing.entries(dossier: "acme", unmatched: false).count) == 2)
        #expect(try test.gateway.inboxListing.entries(dossier: "acme", unmatched: false).allSatisfy { !$0.verified },
                "linked by Message-ID for display only")
    }

    @Test("two workers reading the inbox at once: the bounce is taken by one of them and applied once")
    func twoReaders() async throws {
        let test = try TestGateway.make()
        _ = try await sentInvoice(test, to: "nobody@acct.test")
        #expect(try await MailStack.waitForCount(1, in: "bounces@gateway.test") == 1, "Postfix's DSN is in the inbox")
        let other = try Gateway(settings: test.gateway.settings)
        async let first = test.gateway.inboxReader.readNewMail()
        async let second = other.inboxReader.readNewMail()
        let reports = try await [first, second]
        #expect(reports.map(\.read).reduce(0, +) == 1 && reports.map(\.bounces).reduce(0, +) == 1, "\(reports)")
        #expect(try firstDocument(test).deliveries.first?.state == .bounced)
        #expect(try test.gateway.inboxListing.entries(dossier: "acme", unmatched: false).count == 1)
    }

    @Test("an unreadable message is recorded and left in the folder for a person, never read twice")
    func unreadableLeftForAPerson() async throws {
        let test = try TestGateway.make()
        try test.addDossier()
        let appended = MailStack.run("/usr/bin/env", ["python3", "-c", """
            import imaplib, ssl
            m = imaplib.IMAP4('127.0.0.1', 1143); m.starttls(ssl_context=ssl.create_default_context(cafile='\(MailStack.caFile)'))
            m.login('bounces@gateway.test', 'secret')
            m.append('INBOX', None, None, b'\\x00\\x01 binary junk without any header line\\r\\n')
            m.logout()
            """])
        #expect(appended.status == 0, "\(appended.output)")
        let first = try await test.gateway.inboxReader.readNewMail()
        #expect(first.read == 1 && first.unreadable == 1)
        let second = try await test.gateway.inboxReader.readNewMail()
        #expect(second.read == 0, "not read twice")
        #expect(try MailStack.count("bounces@gateway.test") == 1, "still in INBOX for a person")
        let entry = try #require(try test.gateway.inboxListing.entries(dossier: "acme", unmatched: true).first)
        #expect(entry.summary.contains("unreadable"))
    }

    @Test("stopped and restarted mid-way: nothing processed twice, nothing missed")
    func restartMidWay() async throws {
        let test = try TestGateway.make()
        _ = try await sentInvoice(test)
        for index in 1...3 {
            try await deliver("From: x@acct.test\nTo: bounces@gateway.test\nSubject: note \(index)\nMessage-ID: <n\(index)@acct.test>\n\nhallo \(index)\n",
                              from: "x@acct.test", to: "bounces@gateway.test")
        }
        try await readUntil(test) { try test.gateway.inboxListing.entries(dossier: "acme", unmatched: true).count == 3 }
        // A "restart": another gateway on the same data directory, more mail, another pass.
        let restarted = try Gateway(settings: test.gateway.settings)
        try await deliver("From: x@acct.test\nTo: bounces@gateway.test\nSubject: note 4\nMessage-ID: <n4@acct.test>\n\nhallo 4\n",
                          from: "x@acct.test", to: "bounces@gateway.test")
        let deadline = Date().addingTimeInterval(30)
        while try restarted.inboxListing.entries(dossier: "acme", unmatched: true).count < 4, Date() < deadline {
            _ = try await restarted.inboxReader.readNewMail()
            try await Task.sleep(for: .milliseconds(300))
        }
        _ = try await restarted.inboxReader.readNewMail()
        let subjects = try restarted.inboxListing.entries(dossier: "acme", unmatched: true).compactMap(\.subject).sorted()
        #expect(subjects == ["note 1", "note 2", "note 3", "note 4"])
    }

    @Test("the folder deleted and recreated (a new UIDVALIDITY): nothing missed, nothing twice")
    func newUIDValidity() async throws {
        var imap = MailStack.imap()
        imap.folder = "Returns"
        let test = try TestGateway.make(imap: imap)
        _ = try await sentInvoice(test)
        let append = { (subject: String) in
            MailStack.run("/usr/bin/env", ["python3", "-c", """
                import imaplib, ssl, sys
                m = imaplib.IMAP4('127.0.0.1', 1143); m.starttls(ssl_context=ssl.create_default_context(cafile='\(MailStack.caFile)'))
                m.login('bounces@gateway.test', 'secret'); m.create('Returns')
                m.append('Returns', None, None, b'From: x@acct.test\\r\\nSubject: \(subject)\\r\\nMessage-ID: <\(subject)@acct.test>\\r\\n\\r\\nhi\\r\\n')
                m.logout()
                """])
        }
        let drop = {
            MailStack.run("/usr/bin/env", ["python3", "-c", """
                import imaplib, ssl
                m = imaplib.IMAP4('127.0.0.1', 1143); m.starttls(ssl_context=ssl.create_default_context(cafile='\(MailStack.caFile)'))
                m.login('bounces@gateway.test', 'secret'); print(m.delete('Returns')); m.logout()
                """])
        }
        #expect(append("first").status == 0)
        #expect(append("second").status == 0)
        #expect(try await test.gateway.inboxReader.readNewMail().read == 2)
        #expect(drop().status == 0)
        #expect(append("third").status == 0)
        let pass = try await test.gateway.inboxReader.readNewMail()
        #expect(pass.read == 1 && pass.duplicates == 0, "the new folder's first UID is read: \(pass)")
        #expect(try await test.gateway.inboxReader.readNewMail().read == 0)
        let subjects = try test.gateway.inboxListing.entries(dossier: "acme", unmatched: true).compactMap(\.subject).sorted()
        #expect(subjects == ["first", "second", "third"])
    }

    @Test("a message over limits.inbound_bytes is recorded and left in the folder; the mail after it is read")
    func oversizedLeftForAPerson() async throws {
        let test = try TestGateway.make(limits: InputLimits(inboundBytes: 20_000))
        try test.addDossier()
        let filler = String(repeating: "0123456789abcdef0123456789abcdef\n", count: 1_000)
        try await deliver("From: x@acct.test\nTo: bounces@gateway.test\nSubject: big\n\n\(filler)", from: "x@acct.test", to: "bounces@gateway.test")
        try await deliver("From: x@acct.test\nTo: bounces@gateway.test\nSubject: small\n\nhi\n", from: "x@acct.test", to: "bounces@gateway.test")
        #expect(try await MailStack.waitForCount(2, in: "bounces@gateway.test") == 2)
        let pass = try await test.gateway.inboxReader.readNewMail()
        #expect(pass.read == 2 && pass.unreadable == 1, "\(pass)")
        #expect(try await test.gateway.inboxReader.readNewMail().read == 0, "the cursor went past it")
        let entries = try test.gateway.inboxListing.entries(dossier: "acme", unmatched: true)
        #expect(entries.contains { $0.summary.contains("too large") && $0.summary.contains("left in INBOX") }, "\(entries.map(\.summary))")
        #expect(entries.contains { $0.subject == "small" })
        #expect(try MailStack.count("bounces@gateway.test") == 1, "the big one stays in INBOX for a person")
    }

    @Test("an IMAP server without MOVE or UIDPLUS: processed mail is copied once, not again on every pass")
    func serverWithoutMove() async throws {
        var imap = MailStack.imap()
        imap.url = URL(string: "imap://127.0.0.2:1143")!   // the stack's Dovecot, announcing neither
        let test = try TestGateway.make(imap: imap)
        try test.addDossier()
        for subject in ["one", "two"] {
            try await deliver("From: x@acct.test\nTo: bounces@gateway.test\nSubject: \(subject)\n\nhi\n", from: "x@acct.test", to: "bounces@gateway.test")
        }
        #expect(try await MailStack.waitForCount(2, in: "bounces@gateway.test") == 2)
        #expect(try await test.gateway.inboxReader.readNewMail().read == 2)
        #expect(try await test.gateway.inboxReader.readNewMail().read == 0)
        #expect(try await test.gateway.inboxReader.readNewMail().read == 0)
        #expect(try MailStack.count("bounces@gateway.test", folder: "LedgerMail/Processed") == 2,
                "COPY + \\Deleted leaves the originals flagged in INBOX; they are not copied again")
    }

    @Test("an IMAP server whose certificate is not trusted is refused before LOGIN")
    func untrustedBeforeLogin() async throws {
        var imap = MailStack.imap()
        imap.caFile = nil
        imap.password = "never-sent"
        let test = try TestGateway.make(imap: imap)
        let logBefore = MailStack.dovecotLog()
        await #expect(throws: IMAPError.self) { _ = try await test.gateway.inboxReader.readNewMail() }
        let logAfter = MailStack.dovecotLog()
        let during = String(logAfter.dropFirst(logBefore.count))
        #expect(!during.contains("Login: user=<") && !during.contains("auth failed"), "no LOGIN was attempted: \(during)")
    }

    @Test("a long IDLE wait renews IDLE on one session: one login, not one per slice")
    func idleOnOneSession() async throws {
        // A mailbox no test sends to or fails a login for, so nothing of another test ends the wait early.
        let test = try TestGateway.make(imap: MailStack.imap("idle@gateway.test"))
        let before = MailStack.dovecotLog()
        #expect(try await test.gateway.inboxReader.waitForNewMail(seconds: 5, slice: 2) == false)
        let during = String(MailStack.dovecotLog().dropFirst(before.count))
        #expect(during.components(separatedBy: "Login: user=<idle@gateway.test>").count - 1 == 1, "\(during)")
    }

    @Test("IDLE renewed slice after slice still wakes up for mail arriving in a later slice")
    func idleRenewedWakes() async throws {
        let test = try TestGateway.make()
        try test.addDossier()
        async let woke = test.gateway.inboxReader.waitForNewMail(seconds: 20, slice: 2)
        try await Task.sleep(for: .seconds(5))   // past the first slices
        let started = ContinuousClock.now
        try await deliver("From: x@acct.test\nTo: bounces@gateway.test\nSubject: later\n\nhi\n", from: "x@acct.test", to: "bounces@gateway.test")
        #expect(try await woke == true)
        #expect(ContinuousClock.now - started < .seconds(12), "woken by the mail, not by the end of the wait")
    }

    @Test("a cancelled IDLE wait ends within a slice")
    func idleCancelled() async throws {
        // The quiet mailbox: a late bounce of another test must not end this wait instead.
        let test = try TestGateway.make(imap: MailStack.imap("idle@gateway.test"))
        let started = ContinuousClock.now
        let waiting = Task { try await test.gateway.inboxReader.waitForNewMail(seconds: 60, slice: 2) }
        try await Task.sleep(for: .seconds(1))
        waiting.cancel()
        #expect(try await waiting.value == false)
        #expect(ContinuousClock.now - started < .seconds(20), "not the whole minute")
    }

    @Test("IMAP IDLE wakes up when mail arrives")
    func idleWakesUp() async throws {
        let test = try TestGateway.make()
        try test.addDossier()
        async let woke = test.gateway.inboxReader.waitForNewMail(seconds: 20)
        try await Task.sleep(for: .seconds(1))
        try await deliver("From: x@acct.test\nTo: bounces@gateway.test\nSubject: wake\n\nhi\n", from: "x@acct.test", to: "bounces@gateway.test")
        let started = Date()
        #expect(try await woke == true)
        #expect(Date().timeIntervalSince(started) < 15)
    }
}
}
