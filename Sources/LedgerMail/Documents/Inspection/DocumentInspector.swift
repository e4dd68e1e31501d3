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

    /// Reads and inspects a file; one over the size limit is refused before it is read.
    public func inspect(file path: String) -> Result<InspectionReport, InspectionError> {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = attributes[.size] as? Int, attributes[.type] as? FileAttributeType == .typeRegular,
              let handle = FileHandle(forReadingAtPath: path) else {
            return .failure(InspectionError(file: path, error: "no such file, or not a readable file"))
        }
        defer { try? handle.close() }
        guard size <= limits.maxDocumentBytes else {
            return .failure(InspectionError(file: path, error: "\(ByteSize(bytes: size)) is over limits.document_bytes (\(ByteSize(bytes: limits.maxDocumentBytes)))"))
        }
        return inspect((try? handle.readToEnd()) ?? Data(), file: path)
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
