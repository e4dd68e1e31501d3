import Foundation
import Testing
@testable import LedgerMail

/// A full disk and a database that cannot be written are told in words with the next step; a
/// read-only database still answers read-only commands. Needs root (a tmpfs, another user).
@Suite("Storage errors", .serialized, .enabled(if: CommandLine.binaryExists && getuid() == 0, "needs root and .build/debug/ledgermail"))
struct StorageErrorTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-storage-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: directory.path)
    }

    func ledgermail(_ arguments: [String], as user: UInt32? = nil) -> (status: Int32, output: String) {
        guard let user else { return CommandLine.run(arguments, in: directory) }
        return CommandLine.run(arguments, in: directory, prefix: ["/usr/bin/setpriv", "--reuid=\(user)", "--regid=\(user)", "--clear-groups"])
    }

    func prepare(dataDirectory: String = "data") throws {
        try "data_dir: \(dataDirectory)\n".write(to: directory.appendingPathComponent("ledgermail.yaml"), atomically: true, encoding: .utf8)
        #expect(ledgermail(["init"]).status == 0)
        #expect(ledgermail(["dossier", "add", "acme", "--company", "Acme BV", "--vat", "BE0123456749",
                            "--from", "acme@gateway.test", "--accountant", "boekhouder@acct.test"]).status == 0)
        #expect(ledgermail(["route", "set", "acme", "receipt", "bonnen@acct.test"]).status == 0)
    }

    @Test("a full disk: the import says so and what to do, not a Cocoa error code")
    func diskFull() throws {
        let mount = directory.appendingPathComponent("small")
        try FileManager.default.createDirectory(at: mount, withIntermediateDirectories: true)
        #expect(MailStack.run("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=1m", "tmpfs", mount.path]).status == 0)
        defer { MailStack.run("/usr/bin/umount", [mount.path]) }
        try prepare(dataDirectory: "small/data")
        let big = directory.appendingPathComponent("taxi.pdf")
        try (Data("%PDF-1.4\n".utf8) + Data((0..<(2 << 20)).map { UInt8(truncatingIfNeeded: $0 &* 7919 >> 3) })).write(to: big)
        let result = ledgermail(["import", "acme", "--kind", "receipt", big.path])
        #expect(result.status != 0)
        #expect(result.output.contains("full") && result.output.lowercased().contains("free space"), "\(result.output)")
        #expect(!result.output.contains("NSCocoaErrorDomain") && !result.output.contains("Code=640"), "\(result.output)")
    }

    @Test("a read-only database: status still works, a command that writes says why it cannot")
    func readOnlyDatabase() throws {
        try prepare()
        let pdf = directory.appendingPathComponent("taxi.pdf")
        try Data("%PDF-1.4\n%%EOF\n".utf8).write(to: pdf)
        #expect(ledgermail(["import", "acme", "--kind", "receipt", pdf.path]).status == 0)
        // Another user may read the data directory, not write it.
        MailStack.run("/usr/bin/chmod", ["-R", "a+rX", directory.path])
        let nobody: UInt32 = 65534
        let status = ledgermail(["status", "acme"], as: nobody)
        #expect(status.status == 0 && status.output.contains("taxi"), "\(status.output)")
        let inbox = ledgermail(["inbox", "acme"], as: nobody)
        #expect(inbox.status == 0, "\(inbox.output)")
        let write = ledgermail(["route", "set", "acme", "purchase-invoice", "inkoop@acct.test"], as: nobody)
        #expect(write.status != 0)
        #expect(write.output.contains("read-only") && !write.output.contains("grdb") && !write.output.contains("SQLite error"), "\(write.output)")
    }
}
