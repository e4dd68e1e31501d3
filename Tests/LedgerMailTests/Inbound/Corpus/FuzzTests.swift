import Foundation
import Testing
@testable import LedgerMail

/// Property tests over damaged mail: the classifier must return (not crash, not hang) on any bytes,
/// and what it returns must hold together. Inputs are corpus mails mutated by a seeded generator
/// (`MailMutator`), so a failure replays from its seed and execution number. The run stops after
/// FUZZ_EXECUTIONS (20,000) or FUZZ_SECONDS (25) of classifying, whichever comes first, and says how
/// many it did; FUZZ_SEED changes the inputs.
@Suite("Inbound classification under fuzzing", .serialized)
struct FuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let seed = environment["FUZZ_SEED"].flatMap(UInt64.init) ?? 20_251_129
    static let executions = environment["FUZZ_EXECUTIONS"].flatMap(Int.init) ?? 20_000
    static let budget = Duration.seconds(environment["FUZZ_SECONDS"].flatMap(Double.init) ?? 25)

    /// What every classification must satisfy, whatever the input.
    static func checkInvariants(_ result: InboundClassification, input: String) {
        if !result.recipients.isEmpty {
            #expect(result.kind == .bounce || result.kind == .delay, "recipients on a \(result.kind) from \(input)")
        }
        if result.kind == .delay { #expect(result.recipients.allSatisfy { !$0.permanent }, "a permanent failure in a delay from \(input)") }
        #expect(result.recipients.allSatisfy { $0.address.contains("@") }, "a recipient without @ from \(input)")
    }

    @Test("random mutations of the corpus classify without crashing", .enabled(if: MailCorpus.isPresent, "shared/corpus/mail not found: fuzzing skipped"))
    func mutatedCorpus() throws {
        let mails = try MailCorpus.rows().map { [UInt8](try MailCorpus.mail($0)) }
        var mutator = MailMutator(seed: Self.seed)
        let clock = ContinuousClock()
        var slowest: (Duration, Int) = (.zero, -1)
        let started = clock.now
        var done = 0
        for execution in 0..<Self.executions where clock.now - started < Self.budget {
            let mail = mails[mutator.int(0..<mails.count)]
            let input = Data(mutator.mutate(mail, other: mails[mutator.int(0..<mails.count)]))
            var result: InboundClassification?
            let elapsed = clock.measure { result = InboundClassifier.classify(input) }
            if elapsed > slowest.0 { slowest = (elapsed, execution) }
            Self.checkInvariants(result!, input: "execution \(execution) of seed \(Self.seed)")
            // The lazily filled caches of a parse must not leak into the next one.
            if execution % 97 == 0 { #expect(InboundClassifier.classify(input) == result, "not deterministic: execution \(execution)") }
            done += 1
        }
        print("fuzz: \(done) mutated corpus mails classified in \(clock.now - started) (seed \(Self.seed)); slowest \(slowest.0) at execution \(slowest.1)")
        #expect(done >= min(Self.executions, 1000), "only \(done) executions in the time budget")
        // MailCorpus mails are at most 70 kB: anything near a second is a super-linear step, even in a debug build.
        #expect(slowest.0 < .seconds(2), "execution \(slowest.1) of seed \(Self.seed) took \(slowest.0)")
    }

    @Test("long lines, huge headers, deep nesting and many parts stay linear")
    func hostileMails() {
        let clock = ContinuousClock()
        // A quarter megabyte each keeps a debug run short; classify-diff and fuzz-classify.sh use a megabyte.
        for (name, data) in HostileMails.all(size: 1 << 18) {
            var result: InboundClassification?
            let elapsed = clock.measure { result = InboundClassifier.classify(data) }
            Self.checkInvariants(result!, input: name)
            // Linear work on these takes well under a second even in a debug build; a quadratic step takes minutes.
            #expect(elapsed < .seconds(10), "\(name) took \(elapsed)")
        }
    }
}
