import Foundation
@testable import LedgerMail

/// Finds the shared public UBL corpus and its expected.json.
///
/// In the main repository (/work/main/Tests/LedgerMailTests/…) this resolves
/// to /work/main/../shared/corpus/ubl = /work/shared/corpus/ubl. Ancestors
/// of the repository are tried too, so a scratch checkout one level deeper
/// also finds it. LEDGERMAIL_UBL_CORPUS overrides the search.
enum Corpus {
    static let directory: URL? = locate()

    static func locate(filePath: String = #filePath) -> URL? {
        let fileManager = FileManager.default
        func hasCorpus(_ url: URL) -> Bool {
            fileManager.fileExists(atPath: url.appendingPathComponent("expected.json").path)
        }
        if let override = ProcessInfo.processInfo.environment["LEDGERMAIL_UBL_CORPUS"] {
            let url = URL(fileURLWithPath: override)
            return hasCorpus(url) ? url : nil
        }
        var repoRoot = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while !fileManager.fileExists(atPath: repoRoot.appendingPathComponent("Package.swift").path) {
            guard repoRoot.path != "/" else { return nil }
            repoRoot.deleteLastPathComponent()
        }
        var ancestor = repoRoot.deletingLastPathComponent()
        while true {
            let candidate = ancestor.appendingPathComponent("shared/corpus/ubl")
            if hasCorpus(candidate) { return candidate }
            guard ancestor.path != "/" else { return nil }
            ancestor.deleteLastPathComponent()
        }
    }

    /// expected.json keyed by file name; empty when the corpus is absent.
    static let expected: [String: ExpectedDocument] = {
        guard let directory,
              let json = try? Data(contentsOf: directory.appendingPathComponent("expected.json"))
        else { return [:] }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        let list = (try? decoder.decode([ExpectedDocument].self, from: json)) ?? []
        return Dictionary(list.map { ($0.file, $0) }, uniquingKeysWith: { first, _ in first })
    }()

    static let fileNames: [String] = expected.keys.sorted()

    static func contents(of file: String) throws -> Data {
        guard let directory else { throw CocoaError(.fileNoSuchFile) }
        return try Data(contentsOf: directory.appendingPathComponent(file))
    }
}

/// One entry of expected.json (fields the tests compare).
struct ExpectedDocument: Decodable, Sendable {
    let file: String
    let root: String
    let sbdhWrapped: Bool
    let id: String?
    let issueDate: String?
    let dueDate: String?
    let typeCode: String?
    let customizationId: String?
    let profileId: String?
    let currency: String?
    let supplierName: String?
    let supplierVat: String?
    let supplierEndpoint: String?
    let supplierLegalId: String?
    let customerName: String?
    let customerVat: String?
    let customerEndpoint: String?
    let customerLegalId: String?
    let lineExtensionAmount: String?
    let taxExclusiveAmount: String?
    let taxInclusiveAmount: String?
    let allowanceTotalAmount: String?
    let chargeTotalAmount: String?
    let prepaidAmount: String?
    let payableRoundingAmount: String?
    let payableAmount: String?
    let taxAmount: String?
    let attachments: [ExpectedAttachment]
}

struct ExpectedAttachment: Decodable, Sendable {
    let docId: String?
    let mime: String?
    let filename: String?
    /// Null when lxml could not decode it (placeholder text): we skip those.
    let decodedBytes: Int?
    let sha256: String?
    let pdfMagic: Bool
}

/// SHA-256 in hex, as expected.json writes it (the same function the blob store uses).
func sha256Hex(_ data: Data) -> String? {
    BlobStore.sha256Hex(data)
}

/// Expected amounts are compared as decimals, as the field rules say.
func decimal(_ text: String?) -> Decimal? {
    text.flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) }
}
