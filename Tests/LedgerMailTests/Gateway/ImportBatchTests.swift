import Foundation
import Testing
@testable import LedgerMail

/// A batch must decide each file exactly as importing the files one by one would.
@Suite("Batched import")
struct ImportBatchTests {
    /// Copies, new versions, held, broken and skipped files, some twice in the same batch.
    static func files(in directory: URL) throws -> [URL] {
        let original = try String(contentsOf: Samples.purchaseInvoice, encoding: .utf8)
        func write(_ name: String, _ text: String) throws -> URL {
            let url = directory.appendingPathComponent(name)
            try text.write(to: url, atomically: true, encoding: .utf8)
            return url
        }
        let copy = try write("copy.xml", original)
        let version2 = try write("v2.xml", original + "<!-- version 2: other bytes, same number -->\n")
        let broken = try write("broken.xml", String(original.prefix(original.count / 2)))
        let scan = directory.appendingPathComponent("scan.pdf")
        try FileManager.default.copyItem(at: Samples.salesInvoicePDF, to: scan)
        return [Samples.purchaseInvoice, copy, version2, Samples.unknownParty, broken, scan, Samples.salesInvoice, version2,
                directory.appendingPathComponent("missing.xml")]
    }

    static func outcomes(batchSize: Int) throws -> [String] {
        let test = try TestGateway.make(smtp: nil, imap: nil)
        try test.addDossier()
        try test.gateway.routes.set(dossier: "acme", kind: .purchaseInvoice, addresses: ["inkoop@acct.test"])
        var lines: [String] = []
        try test.gateway.imports.files(dossier: "acme", files: try files(in: test.directory), batchSize: batchSize) { file, result in
            switch result {
            case .done(let outcome): lines.append("\(file.lastPathComponent): \(outcome)")
            case .skipped(let reason): lines.append("\(file.lastPathComponent): skipped \(reason)")
            case .failed(let error): lines.append("\(file.lastPathComponent): failed \(error)")
            }
        }
        // Errors name the file by its path, which differs from one test directory to the other.
        return lines.map { $0.replacingOccurrences(of: test.directory.path, with: "DIR") }
    }

    @Test("one batch decides every file as one file at a time does: copies, versions, held, broken, skipped, missing")
    func sameAsOneByOne() throws {
        let batched = try Self.outcomes(batchSize: 200)
        let single = try Self.outcomes(batchSize: 1)
        for (a, b) in zip(batched, single) where a != b { Issue.record("batched: \(a)\none by one: \(b)") }
        #expect(batched.count == single.count)
        #expect(batched.count == 9)
        #expect(batched[1].contains("alreadyImported") && batched[7].contains("alreadyImported"), "\(batched)")
        #expect(batched[2].contains("version: 2"), "\(batched[2])")
        #expect(batched[4].contains("failed") && batched[5].contains("skipped") && batched[8].contains("failed"))
    }
}
