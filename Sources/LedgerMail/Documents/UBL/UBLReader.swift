import Foundation

/// Reads a UBL 2.x Invoice or CreditNote (optionally inside an SBDH envelope).
///
/// Order of defences: size, then the prolog check that refuses any DTD, then
/// libxml2's streaming reader with no DTD loaded, no entity substituted and
/// no network (`XMLEvents`), under the builder's depth limit.
struct UBLReader: Sendable {
    public let limits: UBLReaderLimits

    public init(limits: UBLReaderLimits = .init()) {
        self.limits = limits
    }

    public func read(_ data: Data) throws(UBLReadError) -> UBLDocument {
        guard !data.isEmpty else { throw .empty }
        guard data.count <= limits.maxDocumentBytes else {
            throw .tooLarge(bytes: data.count, limit: limits.maxDocumentBytes)
        }
        try PrologGuard.check(data)

        var builder = UBLDocumentBuilder(limits: limits)
        try XMLEvents.read(data) { (event) throws(UBLReadError) in
            switch event {
            case let .start(name, namespace, attributes): try builder.start(name: name, namespace: namespace, attributes: attributes)
            case .end: builder.end()
            case .text(let text): builder.characters(text)
            }
        }
        guard builder.isComplete else {
            throw .malformedXML(line: 0, column: 0, message: "the file ends before the document is complete")
        }
        return try builder.finish()
    }
}
