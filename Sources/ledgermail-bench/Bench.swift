import ArgumentParser
import Foundation
import LedgerMail

/// `ledgermail-bench`: throughput figures for the README. Benchmarks, not tests: they print
/// numbers and assert nothing. Build in release: `swift build -c release --product ledgermail-bench`.
@main
struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ledgermail-bench",
        abstract: "Print LedgerMail's throughput figures (compose, inspect, classify).",
        discussion: """
            Examples:
              ledgermail-bench compose --count 2000
              ledgermail-bench inspect ../shared/corpus/ubl
              ledgermail-bench classify ../shared/corpus/mail
            """,
        subcommands: [Compose.self, Inspect.self, Classify.self, DossierList.self, Scale.self]
    )
}

/// Runs `body` over and over for at least `seconds`, returning (iterations, elapsed seconds).
func measure(seconds: Double, _ body: () throws -> Void) rethrows -> (Int, Double) {
    let start = DispatchTime.now().uptimeNanoseconds
    var iterations = 0
    var elapsed = 0.0
    repeat {
        try body()
        iterations += 1
        elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    } while elapsed < seconds
    return (iterations, elapsed)
}

/// The median time of `runs` runs of `body`, in seconds.
func median(_ runs: Int, _ body: () throws -> Void) rethrows -> Double {
    var times: [Double] = []
    for _ in 0..<runs {
        let start = DispatchTime.now().uptimeNanoseconds
        try body()
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    return times.sorted()[runs / 2]
}

/// Where a bench makes its install: `keep` when given (to look at afterwards), else a new
/// temporary directory for the caller to remove.
func scratchDirectory(keep: String?) throws -> URL {
    let directory = keep.map { URL(fileURLWithPath: $0) }
        ?? FileManager.default.temporaryDirectory.appendingPathComponent("ledgermail-bench-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    return directory
}

func ms(_ seconds: Double) -> String { String(format: "%.1f ms", seconds * 1000) }

/// Every regular file under `directory` with one of `extensions`, read into memory.
func loadFiles(_ directory: String, extensions: Set<String>) throws -> [(String, Data)] {
    let root = URL(fileURLWithPath: directory)
    guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
        throw ValidationError("cannot read \(directory)")
    }
    var files: [(String, Data)] = []
    for case let url as URL in walker where extensions.contains(url.pathExtension.lowercased()) {
        files.append((url.lastPathComponent, try Data(contentsOf: url)))
    }
    guard !files.isEmpty else { throw ValidationError("no \(extensions.sorted().joined(separator: "/")) files under \(directory)") }
    return files.sorted { $0.0 < $1.0 }
}

struct Compose: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "MIME compose throughput: documents (UBL ~20 KB + PDF ~100 KB) per second and MB/s.")

    @Option(help: "Messages per round.") var count = 500
    @Option(help: "Seconds to run at least.") var seconds = 3.0

    func run() throws {
        let ubl = Data(repeating: UInt8(ascii: "u"), count: 20 << 10)
        let pdf = Data("%PDF-1.4\n".utf8) + Data((0..<(100 << 10)).map { UInt8(truncatingIfNeeded: $0 &* 131) })
        let content = MailContent(
            from: Mailbox(displayName: "Zoë & Söhne BV", address: try EmailAddress("acme@gateway.test")),
            to: [try EmailAddress("inkoop@acct.test")], replyTo: try EmailAddress("bounces@gateway.test"),
            subject: "Acme BV: Aankoopfactuur LEV/2026/0815 – Leverancier NV", text: "Beste,\n\nIn bijlage de factuur.\n",
            attachments: [MailAttachment(fileName: "LEV_2026_0815.xml", mimeType: "application/xml", data: ubl),
                          MailAttachment(fileName: "LEV_2026_0815.pdf", mimeType: "application/pdf", data: pdf)],
            messageID: "<bench@gateway.test>", date: Date())
        var bytes = 0
        let (rounds, elapsed) = try measure(seconds: seconds) {
            for _ in 0..<count { bytes += try MessageComposer.compose(content).count }
        }
        let messages = Double(rounds * count)
        let rate = Double(bytes) / elapsed / 1e6
        print(String(format: "compose: %.0f documents/s, %.1f MB/s of MIME out (%d messages of %.0f KB, %.1f s)",
                     messages / elapsed, rate, rounds * count, Double(bytes) / messages / 1024, elapsed))
        // The reference that bounds it: Foundation's base64 of the same attachment bytes, no
        // line breaks, no headers, no digest for the boundary.
        var encoded = 0
        let (referenceRounds, referenceElapsed) = measure(seconds: seconds) {
            for _ in 0..<count { encoded += ubl.base64EncodedData().count + pdf.base64EncodedData().count }
        }
        let reference = Double(encoded) / referenceElapsed / 1e6
        print(String(format: "reference, same run: bare base64 (Foundation) of the same attachments: %.1f MB/s of base64 out (%d rounds)",
                     reference, referenceRounds * count))
        print(String(format: "ratio: compose at %.2fx a bare base64 encode", rate / reference))
    }
}

struct Inspect: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Inspect throughput over a folder of UBL files: files/s and MB/s.")

    @Argument(help: "A folder of UBL files (e.g. ../shared/corpus/ubl).") var directory: String
    @Option(help: "Seconds to run at least.") var seconds = 3.0

    func run() throws {
        let files = try loadFiles(directory, extensions: ["xml"])
        let inspector = DocumentInspector(ownIdentifiers: ["0000000295"])
        let total = files.reduce(0) { $0 + $1.1.count }
        var failures = 0
        let (rounds, elapsed) = measure(seconds: seconds) {
            for (name, data) in files { if case .failure = inspector.inspect(data, file: name) { failures += 1 } }
        }
        print(String(format: "inspect: %.0f files/s, %.1f MB/s (%d files, %.1f MB, %d rounds, %.1f s%@)",
                     Double(rounds * files.count) / elapsed, Double(rounds * total) / elapsed / 1e6, files.count,
                     Double(total) / 1e6, rounds, elapsed, failures > 0 ? ", \(failures / rounds) unreadable" : ""))
    }
}

struct Classify: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Classifier throughput over a folder of .eml files, one core: mails/s and MB/s.")

    @Argument(help: "A folder of .eml files (e.g. ../shared/corpus/mail).") var directory: String
    @Option(help: "Seconds to run at least.") var seconds = 3.0

    func run() throws {
        let files = try loadFiles(directory, extensions: ["eml"])
        let total = files.reduce(0) { $0 + $1.1.count }
        var bounces = 0
        let (rounds, elapsed) = measure(seconds: seconds) {
            for (_, data) in files where InboundClassifier.classify(data).kind == .bounce { bounces += 1 }
        }
        print(String(format: "classify: %.0f mails/s, %.1f MB/s on one core (%d mails, %.1f MB, %d rounds, %.1f s)",
                     Double(rounds * files.count) / elapsed, Double(rounds * total) / elapsed / 1e6, files.count,
                     Double(total) / 1e6, rounds, elapsed))
    }
}
