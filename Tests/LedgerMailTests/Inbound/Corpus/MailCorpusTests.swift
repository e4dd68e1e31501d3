import Foundation
import Testing
@testable import LedgerMail

/// Scores the classifier over every row of the shared corpus's `expected.json` and asserts the
/// thresholds of the issue: ≥ 95 % exact failed-recipient sets on bounces, every auto-reply, reply,
/// feedback and success DSN of the right kind, no failed recipient on any non-bounce.
@Suite("Inbound corpus", .enabled(if: MailCorpus.isPresent, "shared/corpus/mail not found next to or above the package: corpus scoring skipped"))
struct MailCorpusTests {
    /// The corpus kinds that must map to one classifier kind.
    static let mappedKinds: [String: InboundKind] = [
        "autoreply": .autoReply, "human-reply": .reply, "feedback": .feedback, "delivered": .delivered,
    ]
    static let cleanKinds: Set<String> = ["autoreply", "human-reply", "feedback", "delivered", "not-bounce", "bounce-no-address"]

    /// The failed recipients a classification reports: under bounce or delay only.
    static func failedRecipients(_ result: InboundClassification) -> Set<String> {
        guard result.kind == .bounce || result.kind == .delay else { return [] }
        return MailCorpus.normalized(result.recipients.map(\.address))
    }

    @Test("the corpus scores: ≥ 95 % exact on bounces, every other kind right and clean")
    func corpusScore() throws {
        var bounceTotal: [String: Int] = [:], bounceExact: [String: Int] = [:]
        var kindTotal = 0, kindRight = 0, cleanTotal = 0, cleanRight = 0
        var misses: [String] = []
        var elapsed: Duration = .zero
        let clock = ContinuousClock()
        let rows = try MailCorpus.rows()
        for row in rows where row.kind != "unlabeled" {
            let data = try MailCorpus.mail(row)
            var result: InboundClassification?
            elapsed += clock.measure { result = InboundClassifier.classify(data) }
            guard let result else { continue }
            let failed = Self.failedRecipients(result)
            let got = "\(result.kind.rawValue) \(failed.sorted())"
            if row.kind == "bounce" {
                bounceTotal[row.family, default: 0] += 1
                if row.acceptedSets.contains(failed) {
                    bounceExact[row.family, default: 0] += 1
                } else {
                    misses.append("\(row.file): expected \(row.recipients), got \(got)")
                }
            }
            if let wanted = Self.mappedKinds[row.kind] {
                kindTotal += 1
                if result.kind == wanted { kindRight += 1 } else { misses.append("\(row.file): expected kind \(wanted.rawValue), got \(got)") }
            }
            if Self.cleanKinds.contains(row.kind) {
                cleanTotal += 1
                if failed.isEmpty { cleanRight += 1 } else { misses.append("\(row.file): \(row.kind) must report no failed recipient, got \(got)") }
            }
        }
        let total = bounceTotal.values.reduce(0, +), exact = bounceExact.values.reduce(0, +)
        let percent = total == 0 ? 0 : Double(exact) * 100 / Double(total)
        print("corpus: bounces exact \(exact)/\(total) = \(String(format: "%.1f", percent)) %")
        for family in bounceTotal.keys.sorted() {
            let right = bounceExact[family] ?? 0, all = bounceTotal[family] ?? 0
            print("corpus:   \(family): \(right)/\(all) = \(String(format: "%.1f", Double(right) * 100 / Double(max(all, 1)))) %")
        }
        print("corpus: kinds right \(kindRight)/\(kindTotal); non-bounces clean \(cleanRight)/\(cleanTotal)")
        let scored = rows.filter { $0.kind != "unlabeled" }.count
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        print("corpus: \(String(format: "%.3f", milliseconds / Double(max(scored, 1)))) ms per mail over \(scored) mails")
        for miss in misses { print("corpus miss: \(miss)") }
        #expect(percent >= 95, "bounce exact \(percent) % < 95 %")
        #expect(kindRight == kindTotal, "\(kindTotal - kindRight) auto-reply/reply/feedback/delivered mails of the wrong kind")
        #expect(cleanRight == cleanTotal, "\(cleanTotal - cleanRight) non-bounces report a failed recipient")
    }
}
