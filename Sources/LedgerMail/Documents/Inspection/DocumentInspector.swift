import Foundation

/// What LedgerMail reads from a file, with no side effect (`ledgermail inspect`): the same
/// reader and the same kind decision as `import`.
public struct DocumentInspector: Sendable {
    /// The business the kind is seen from (its VAT / enterprise numbers); none → "unknown".
    public var ownIdentifiers: [String]
    public var limits: UBLReaderLimits

    public init(ownIdentifiers: [String] = [], limits: UBLReaderLimits = UBLReaderLimits()) {
        self.ownIdentifiers = ownIdentifiers
        self.limits = limits
    }

    public func inspect(_ data: Data, file: String) -> Result<InspectionReport, InspectionError> {
        if let report = InspectionReport(file: file, data: data, kind: nonUBLKind(data)) { return .success(report) }
        do {
            let document = try UBLReader(limits: limits).read(data)
            let kind: String
            if ownIdentifiers.isEmpty {
                kind = "unknown"
            } else if case .kind(let decided) = KindDecision(document: document, ownIdentifiers: ownIdentifiers) {
                kind = decided.rawValue
            } else {
                kind = "unknown"
            }
            return .success(InspectionReport(document: document, file: file, kind: kind, sha256: BlobStore.sha256Hex))
        } catch {
            return .failure(InspectionError(file: file, error: "\(error)"))
        }
    }

    /// A CODA statement is `coda` by its structure; a PDF or picture has no kind of its own.
    private func nonUBLKind(_ data: Data) -> String {
        InspectedFormat.detect(data) == .coda ? DocumentKind.coda.rawValue : "unknown"
    }
}
