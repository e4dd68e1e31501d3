import ArgumentParser
import Foundation
import LedgerMail
import Synchronization

struct ClassifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify",
        abstract: "Classify .eml files as the inbox reader would (bounce, delay, auto-reply, reply, …), with no side effect.",
        discussion: """
            LF or CRLF line ends. The VERP token is checked when run where an install's config is.
            A folder stands for every .eml file under it, in path order (faster than thousands of
            file names). Lines come out in the order of the files; the work is spread over the cores.

            Example:
              ledgermail classify --json bounces/*.eml
              ledgermail classify mailbox-export/
            """
    )

    @OptionGroup var options: GlobalOptions
    @Flag(help: "One JSON object per file per line.") var json = false
    @Argument(help: "Mail files, or folders of them.") var files: [String]

    /// Files per round: the round is classified on every core, then printed in order.
    static let round = 1024

    func run() async throws {
        // Outside an install there is no key: the classification alone, VERP null.
        let gateway = try? await options.gateway()
        let paths = InputFiles.expand(files) { InputFiles.pathExtension($0) == "eml" }
        let lanes = max(1, ProcessInfo.processInfo.activeProcessorCount)
        var failures = 0
        for start in stride(from: 0, to: paths.count, by: Self.round) {
            let batch = Array(paths[start..<min(paths.count, start + Self.round)])
            let json = json
            // Each lane takes the next file not taken yet, so a lane the system pauses (a busy
            // machine) leaves its share to the others instead of making the round wait.
            let cursor = Cursor()
            let parts = await withTaskGroup(of: Output.self) { group in
                for _ in 0..<lanes {
                    group.addTask { Self.classify(batch, taking: cursor, gateway: gateway, json: json) }
                }
                return await group.reduce(into: [Output]()) { $0.append($1) }
            }
            var lines = [String](repeating: "", count: batch.count)
            for part in parts {
                for (index, line) in zip(part.indices, part.lines) { lines[index] = line }
            }
            failures += parts.reduce(0) { $0 + $1.failures }
            var text = lines.joined(separator: "\n")
            text += "\n"
            FileHandle.standardOutput.write(Data(text.utf8))
        }
        if failures > 0 { throw ExitCode(1) }
    }

    /// The next index of a round to classify, shared by its lanes.
    final class Cursor: Sendable {
        private let next = Atomic(0)
        func take() -> Int { next.wrappingAdd(1, ordering: .relaxed).oldValue }
    }

    struct Output: Sendable {
        /// Which files of the round these lines are for.
        var indices: [Int] = []
        var lines: [String] = []
        var failures = 0
    }

    static func classify(_ paths: [String], taking cursor: Cursor, gateway: Gateway?, json: Bool) -> Output {
        var output = Output()
        while case let index = cursor.take(), index < paths.count {
            let file = paths[index]
            output.indices.append(index)
            guard let data = InputFiles.contents(of: file) else {
                output.failures += 1
                output.lines.append(DisplayText.terminal("\(file.singleLine): error: no such file or not readable"))
                continue
            }
            let report = gateway?.classification.report(data, file: file)
                ?? ClassificationReport(file: file, classification: InboundClassifier.classify(data), verp: nil)
            if json {
                output.lines.append(DisplayText.json(report.jsonLine))   // C1 and bidi controls escaped too
            } else {
                let recipients = report.classification.recipients.map { "\($0.address) \($0.status ?? "") \($0.reason)" }
                output.lines.append(DisplayText.terminal("\(file.singleLine): \(report.classification.kind.rawValue)\(recipients.isEmpty ? "" : " — " + recipients.joined(separator: "; "))"))
            }
        }
        return output
    }
}
