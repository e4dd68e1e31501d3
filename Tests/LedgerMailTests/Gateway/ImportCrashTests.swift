import Foundation
import GRDB
import Testing
@testable import LedgerMail

/// `import` over a folder, batched, killed with SIGKILL at random moments: what is recorded is
/// always whole, and running it again stores the rest.
@Suite("Batched import under kill -9", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct ImportCrashTests {
    let directory: URL
    let folder: URL
    static let count = 1200

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-crash-\(UUID().uuidString)")
        folder = directory.appendingPathComponent("in")
        let template = try String(contentsOf: Samples.purchaseInvoice, encoding: .utf8)
        for index in 0..<Self.count {
            let sub = folder.appendingPathComponent(String(format: "%02d", index / 100))
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            try template.replacingOccurrences(of: "<cbc:ID>LEV/2026/0815</cbc:ID>", with: "<cbc:ID>K/\(index)</cbc:ID>")
                .write(to: sub.appendingPathComponent(String(format: "k%04d.xml", index)), atomically: false, encoding: .utf8)
        }
        for arguments in [["init"], ["dossier", "add", "acme", "--company", "Acme BV", "--vat", "BE0123456749",
                                     "--from", "acme@gateway.test", "--accountant", "boekhouder@acct.test"],
                          ["route", "set", "acme", "purchase-invoice", "inkoop@acct.test"]] {
            #expect(CommandLine.run(arguments, in: directory).status == 0)
        }
    }

    /// Every recorded document has its bytes in the store, whole (their hash is their name),
    /// and exactly one delivery; returns how many there are.
    func checkWhole() async throws -> Int {
        let settings = try await SettingsLoader.load(configFile: directory.appendingPathComponent("ledgermail.yaml"), environment: [:])
        let gateway = try Gateway(settings: settings)
        let (documents, deliveries) = try gateway.database.read { db in
            (try DocumentRecord.fetchAll(db), try DeliveryRecord.fetchAll(db))
        }
        for document in documents {
            for hash in [document.ublSHA256, document.pdfSHA256].compactMap({ $0 }) {
                let bytes = try gateway.blobs.get(hash)
                #expect(BlobStore.sha256Hex(bytes) == hash, "document \(document.number): stored bytes whole")
            }
            #expect(deliveries.filter { $0.documentID == document.id }.count == 1, "document \(document.number): one delivery")
        }
        #expect(Set(documents.map(\.number)).count == documents.count, "no file recorded twice")
        return documents.count
    }

    @Test("killed at random points, every file is recorded whole or not at all; a rerun stores the rest")
    func killedAtRandomPoints() async throws {
        var random = SeededRandom(state: 13)
        var stored = 0
        for _ in 0..<4 {
            // Killed after a random number of result lines, plus a random few milliseconds: in the
            // middle of a later batch, at any of its steps (reading, storing, the transaction).
            let process = Process()
            process.executableURL = CommandLine.binary
            process.arguments = ["import", "acme", "--batch", "40", folder.path]
            process.currentDirectoryURL = directory
            let pipe = Pipe()
            process.standardOutput = pipe
            process.standardError = FileHandle.nullDevice
            try process.run()
            let target = Int.random(in: 0...(Self.count - 300), using: &random)
            var seen = 0
            while seen < target {
                let chunk = pipe.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                seen += chunk.filter { $0 == 10 }.count
            }
            let delay = Int.random(in: 0...40, using: &random)
            try await Task.sleep(for: .milliseconds(delay))
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            let now = try await checkWhole()
            print("import killed \(delay) ms after \(seen) lines: \(now) of \(Self.count) files recorded, each whole")
            #expect(now >= stored, "nothing recorded is lost by a later kill")
            stored = now
        }
        let rerun = CommandLine.run(["import", "acme", folder.path], in: directory)
        #expect(rerun.status == 0)
        let lines = rerun.output.split(separator: "\n")
        #expect(lines.count == Self.count)
        #expect(lines.allSatisfy { $0.hasPrefix("stored") || $0.hasPrefix("same") })
        #expect(try await checkWhole() == Self.count)
    }
}
