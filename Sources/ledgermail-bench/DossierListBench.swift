import ArgumentParser
import Foundation
import LedgerMail

/// `dossier list` over many dossiers: the one grouped query, beside one pass over the same
/// deliveries' states as the reference (what no query over them can beat).
struct DossierList: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dossier-list",
        abstract: "dossier list time with many dossiers (a scratch install in a temporary directory).")

    @Option(help: "How many dossiers.") var dossiers = 2000
    @Option(help: "Documents per dossier.") var documents = 10
    @Option(help: "Keep the scratch install here (to look at its query plans).") var keep: String?

    func run() throws {
        let directory = keep.map { URL(fileURLWithPath: $0) }
            ?? FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-bench-\(UUID().uuidString)")
        defer { if keep == nil { try? FileManager.default.removeItem(at: directory) } }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let gateway = try Gateway.scratch(in: directory)
        try gateway.seedSyntheticDossiers(dossiers, documents: documents)

        var listed = 0
        let list = try median(5) { listed = try gateway.dossiers.overview().count }
        let scan = try median(5) { _ = try gateway.countDeliveryStates() }
        var shown = 0
        let status = try median(3) { shown = try gateway.status(DocumentFilter()).count }
        let failed = try median(5) { _ = try gateway.status(DocumentFilter(states: [.failed])) }
        print("status --all: \(shown) documents with their deliveries: \(ms(status)); --state failed: \(ms(failed))")
        print("dossier list: \(listed) dossiers, \(dossiers * documents) documents: \(ms(list)) "
              + "(reference, one pass counting the same deliveries' states: \(ms(scan)); ratio \(String(format: "%.1f", list / scan))×)")
    }

    func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
        var times: [Double] = []
        for _ in 0..<runs {
            let start = DispatchTime.now().uptimeNanoseconds
            try body()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return times.sorted()[runs / 2]
    }

    func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }
}
