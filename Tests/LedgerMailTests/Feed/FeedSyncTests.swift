import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// `serve` and `sync` as two processes over loopback: the folder ends up byte-equal to the feed,
/// whatever moment the agent is killed at.
@Suite("BillSync agent", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct FeedSyncTests {
    struct Page: Decodable { let items: [Item] }
    struct Item: Decodable { let kind: String; let files: [File] }
    struct File: Decodable { let name: String; let sha256: String }

    @Test("killed with SIGKILL five times and restarted, the agent leaves no partial file, none twice, none missing, all collected; a resent version lands beside the old")
    func surviveKills() async throws {
        let install = try WebInstall()
        for (dossier, prefix) in [("acme", "A"), ("beta", "B")] {
            try install.ledgermail("route", "set", dossier, "purchase-invoice", "--pull")
            let files = try Samples.purchaseInvoices(60, in: install.directory, prefix: prefix)
            let imported = CommandLine.run(["import", dossier] + files.map(\.path) + ["--config", install.config.path], in: install.directory)
            #expect(imported.status == 0, "\(imported.output)")
        }
        let token = FeedAPITests.lastLine(try install.ledgermail("token", "add", "--user", "eva@acct.test"))
        let tokenFile = install.directory.appendingPathComponent("token")
        try token.write(to: tokenFile, atomically: true, encoding: .utf8)
        try await install.start()
        let folder = install.directory.appendingPathComponent("accountant")
        let arguments = ["sync", "--server", install.baseURL, "--token-file", tokenFile.path, "--to", folder.path, "--once"]
        var random = SeededRandom(state: 12)
        var progress: [Int] = []
        for _ in 0..<5 {
            let agent = Process()
            agent.executableURL = CommandLine.binary
            agent.arguments = arguments
            agent.standardOutput = FileHandle.nullDevice
            try agent.run()
            try await Task.sleep(for: .milliseconds(Int.random(in: 40...700, using: &random)))
            kill(agent.processIdentifier, SIGKILL)
            agent.waitUntilExit()
            progress.append(FileManager.default.enumerator(atPath: folder.path)?.allObjects.count ?? 0)
        }
        // 240 files and their folders in all: at least one kill must have landed mid-pass.
        #expect(progress.contains { $0 > 3 && $0 < 240 }, "files after each kill: \(progress)")
        let last = CommandLine.run(arguments, in: install.directory)
        #expect(last.status == 0, "\(last.output)")

        for dossier in ["acme", "beta"] {
            let feed = MailStack.run("/usr/bin/curl", ["-s", "-H", "Authorization: Bearer \(token)",
                                                       "\(install.baseURL)/api/v1/dossiers/\(dossier)/documents?limit=1000"])
            let items = try JSONDecoder().decode(Page.self, from: Data(feed.output.utf8)).items
            #expect(items.count == 60)
            var expected: [String: String] = [:]
            for item in items { for file in item.files { expected["\(item.kind)/\(file.name)"] = file.sha256 } }
            let root = folder.appendingPathComponent(dossier)
            let written = try FileManager.default.subpathsOfDirectory(atPath: root.path).filter {
                !FileManager.default.isDirectory(root.appendingPathComponent($0))
            }
            #expect(Set(written) == Set(expected.keys), "extra: \(Set(written).subtracting(expected.keys)), missing: \(Set(expected.keys).subtracting(written))")
            for (path, sha) in expected {
                let data = try Data(contentsOf: root.appendingPathComponent(path))
                #expect(BlobStore.sha256Hex(data) == sha, "\(path) is not byte-equal")
            }
        }
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent(".ledgermail-sync/tmp").path)
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(try install.ledgermail("status", "--all", "--state", "published").contains("no documents match"))
        #expect(!install.log().contains("api-error"))

        // A changed version, resent: written beside the old one, which stays as it was.
        let folderOfKind = folder.appendingPathComponent("acme/purchase-invoice")
        let old = try Data(contentsOf: folderOfKind.appendingPathComponent("LEV_2026_A0001.xml"))
        let changed = install.directory.appendingPathComponent("invoice-A0001-v2.xml")
        try (String(decoding: old, as: UTF8.self) + "<!-- corrected -->\n").write(to: changed, atomically: true, encoding: .utf8)
        let imported = try install.ledgermail("import", "acme", changed.path)
        let id = try #require(imported.firstMatch(of: /document (\d+)/).map { String($0.1) }, "\(imported)")
        try install.ledgermail("resend", "acme", id)
        let again = CommandLine.run(arguments, in: install.directory)
        #expect(again.status == 0, "\(again.output)")
        #expect(try Data(contentsOf: folderOfKind.appendingPathComponent("LEV_2026_A0001.xml")) == old)
        #expect(try Data(contentsOf: folderOfKind.appendingPathComponent("LEV_2026_A0001_v2.xml")) == Data(contentsOf: changed))
        // The PDF rendered for v2 has the same bytes as v1's: already there, not written twice.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folderOfKind.path).count == 121)
    }
}
}

extension RealStack.FeedSyncTests {
    @Test("sync --once against a server that never answers gives up after its tries and exits 1, saying so")
    func onceGivesUp() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-sync-down-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let tokenFile = folder.appendingPathComponent("token")
        try "lm_0000".write(to: tokenFile, atomically: true, encoding: .utf8)
        // Port 9 (discard) on loopback: nothing listens there.
        let result = CommandLine.run(["sync", "--server", "http://127.0.0.1:9", "--token-file", tokenFile.path,
                                      "--to", folder.appendingPathComponent("out").path, "--once", "--tries", "2"], in: folder)
        #expect(result.status == 1, "\(result.output)")
        #expect(result.output.contains("could not be reached in 2 tries"), "\(result.output)")
    }

    @Test("started while the server is down, the agent waits with growing pauses and finishes once it is up")
    func waitsForServer() async throws {
        let install = try WebInstall()
        try install.ledgermail("route", "set", "acme", "purchase-invoice", "--pull")
        try install.ledgermail("import", "acme", Samples.purchaseInvoice.path)
        let tokenFile = install.directory.appendingPathComponent("token")
        try RealStack.FeedAPITests.lastLine(try install.ledgermail("token", "add", "--user", "eva@acct.test"))
            .write(to: tokenFile, atomically: true, encoding: .utf8)
        let folder = install.directory.appendingPathComponent("accountant")
        let log = install.directory.appendingPathComponent("sync.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let agent = Process()
        agent.executableURL = CommandLine.binary
        agent.arguments = ["sync", "--server", install.baseURL, "--token-file", tokenFile.path, "--to", folder.path, "--once"]
        agent.standardOutput = try FileHandle(forWritingTo: log)
        try agent.run()
        try await Task.sleep(for: .seconds(6))
        try await install.start()
        for _ in 0..<200 where agent.isRunning { try await Task.sleep(for: .milliseconds(100)) }
        let output = try String(contentsOf: log, encoding: .utf8)
        #expect(!agent.isRunning && agent.terminationStatus == 0, "\(output)")
        #expect(output.contains("trying again in 1 s"), "\(output)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("acme/purchase-invoice/LEV_2026_0815.xml").path))
        if agent.isRunning { agent.terminate() }
    }
}

extension FileManager {
    func isDirectory(_ url: URL) -> Bool {
        var directory: ObjCBool = false
        return fileExists(atPath: url.path, isDirectory: &directory) && directory.boolValue
    }
}
