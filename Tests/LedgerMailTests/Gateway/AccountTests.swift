import Foundation
import Testing
@testable import LedgerMail

/// Accounts on a real store: the login limit holds even for attempts sent all at once.
@Suite("Accounts")
struct AccountTests {
    @Test("ten wrong passwords sent at once: five are checked, the rest are throttled, and so is the right one after")
    func concurrentLoginsThrottled() async throws {
        let test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier()
        let accounts = test.gateway.accounts
        try await accounts.add(email: "owner@acme.test", role: .owner, language: .nl, dossiers: ["acme"],
                               password: "correct horse battery")
        let refusals = await withTaskGroup(of: LoginRefusal?.self) { group in
            for _ in 0..<10 {
                group.addTask {
                    do { _ = try await accounts.authenticate(email: "owner@acme.test", password: "wrong guess!!"); return nil }
                    catch { return error as? LoginRefusal }
                }
            }
            var all: [LoginRefusal?] = []
            for await refusal in group { all.append(refusal) }
            return all
        }
        #expect(refusals.filter { $0 == .wrongCredentials }.count == 5, "\(refusals)")
        #expect(refusals.filter { if case .throttled = $0 { true } else { false } }.count == 5, "\(refusals)")
        await #expect(throws: LoginRefusal.self) {
            try await accounts.authenticate(email: "owner@acme.test", password: "correct horse battery")
        }
    }

    @Test("an account removed and added again (a password reset) is a new account: its old sessions are not its own")
    func readdedAccountIsNew() async throws {
        let test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier()
        let accounts = test.gateway.accounts
        try await accounts.add(email: "eva@acct.test", role: .accountant, language: .nl, dossiers: ["acme"], password: "first password 1")
        let first = try #require(try accounts.account("eva@acct.test"))
        try accounts.remove("eva@acct.test")
        try await Task.sleep(for: .milliseconds(5))
        try await accounts.add(email: "eva@acct.test", role: .accountant, language: .nl, dossiers: ["acme"], password: "second password 2")
        #expect(try accounts.account("eva@acct.test")?.since != first.since)
    }
}
