// libFuzzer entry point for the inbound classifier (see scripts/fuzz-classify): compiled together with
// the classifier's sources into one fuzzing binary, never into the package. Every input is
// classified whole; a crash, a hang (-timeout) or runaway memory (-rss_limit_mb) is the finding.
import Foundation

@_cdecl("LLVMFuzzerTestOneInput")
public func classifyFuzzInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = InboundClassifier.classify(Data(bytes: data, count: size))
    return 0
}
