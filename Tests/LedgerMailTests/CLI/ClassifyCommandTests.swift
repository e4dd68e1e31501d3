import Foundation
import Testing
@testable import LedgerMail

/// `ledgermail classify` over folders, and its hand-written JSON lines.
@Suite("classify on the command line")
struct ClassifyCommandTests {
    static func encoded(_ report: ClassificationReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return String(decoding: try encoder.encode(report), as: UTF8.self)
    }

    @Test("the hand-written JSON line is what JSONEncoder writes, for hostile strings, nulls and a VERP verdict")
    func jsonLineMatchesEncoder() throws {
        let hostile = ["", "plain", "quote \" backslash \\ slash /", "\u{0}\u{1}\u{8}\u{9}\u{A}\u{C}\u{D}\u{1F}\u{7F}",
                       "Zoë 日本 🧾", "\u{2028}\u{2029}", "<a@b.c>"]
        for (index, text) in hostile.enumerated() {
            let recipient = ReportedRecipient(address: text, status: index.isMultiple(of: 2) ? nil : text, action: text,
                                              reason: text, permanent: index.isMultiple(of: 3), diagnostic: index == 1 ? nil : text,
                                              finalRecipient: index == 4 ? nil : text)
            let classification = InboundClassification(
                kind: .bounce, recipients: index == 0 ? [] : [recipient, recipient], originalMessageID: index == 2 ? nil : text,
                inReplyTo: text, references: [], deliveredTo: [], from: nil, subject: nil)
            let verp = index == 3 ? nil : VERPVerdict(deliveryID: Int64(index) - 2, valid: index.isMultiple(of: 2))
            let report = ClassificationReport(file: text, classification: classification, verp: verp)
            #expect(report.jsonLine == (try Self.encoded(report)), "value \(index)")
        }
    }

    @Test("classify --json on a folder: every .eml under it in path order, each line what the classifier and JSONEncoder make of it",
          .enabled(if: CommandLine.binaryExists && MailCorpus.isPresent, "needs .build/debug/ledgermail and shared/corpus/mail"))
    func folderInPathOrder() throws {
        let corpus = try #require(MailCorpus.directory)
        let result = CommandLine.run(["classify", "--json", corpus.path], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0)
        let lines = result.output.split(separator: "\n").map(String.init)
        let walker = FileManager.default.enumerator(atPath: corpus.path)!
        let files = (walker.allObjects as! [String]).filter { $0.hasSuffix(".eml") }
            .map { corpus.path + "/" + $0 }.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        #expect(lines.count == files.count && files.count > 300)
        for (line, file) in zip(lines, files) {
            let report = ClassificationReport(file: file, classification: InboundClassifier.classify(try Data(contentsOf: URL(fileURLWithPath: file))), verp: nil)
            #expect(line == (try Self.encoded(report)), "\(file)")
        }
    }
}
