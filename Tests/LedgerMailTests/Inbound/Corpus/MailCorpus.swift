import Foundation

/// The shared mail corpus (`shared/corpus/mail`) and its verdicts, found from this file's path so the
/// tests run from the scratch package and from the main package alike, without resource bundles.
enum MailCorpus {
    /// The corpus directory, or nil when this checkout has none.
    static let directory: URL? = locate()

    static var isPresent: Bool { directory != nil }

    /// One row of `expected.json`.
    struct Row: Decodable, Sendable {
        var file: String
        var kind: String
        var recipients: [String]
        var acceptAlternatives: [[String]]?

        enum CodingKeys: String, CodingKey {
            case file, kind, recipients
            case acceptAlternatives = "accept_alternatives"
        }

        /// The directory the file is in (`sisimai`, `flufl`, `replies`).
        var family: String { String(file.split(separator: "/").first ?? "") }

        /// Every recipient set that counts as right, normalised.
        var acceptedSets: [Set<String>] {
            [MailCorpus.normalized(recipients)] + (acceptAlternatives ?? []).map(MailCorpus.normalized)
        }
    }

    static func rows() throws -> [Row] {
        guard let directory else { return [] }
        let data = try Data(contentsOf: directory.appendingPathComponent("expected.json"))
        return try JSONDecoder().decode([Row].self, from: data)
    }

    static func mail(_ row: Row) throws -> Data {
        guard let directory else { return Data() }
        return try Data(contentsOf: directory.appendingPathComponent(row.file))
    }

    /// Addresses compared lowercased and without angle brackets.
    static func normalized(_ addresses: [String]) -> Set<String> {
        Set(addresses.map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: "<> \t")).lowercased()
        })
    }

    /// `../shared/corpus/mail` next to the package holding this file, else any ancestor's `shared/corpus/mail`.
    private static func locate() -> URL? {
        let manager = FileManager.default
        var packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while packageRoot.path != "/",
              !manager.fileExists(atPath: packageRoot.appendingPathComponent("Package.swift").path) {
            packageRoot.deleteLastPathComponent()
        }
        var candidates = [packageRoot.deletingLastPathComponent().appendingPathComponent("shared/corpus/mail")]
        var ancestor = packageRoot
        while ancestor.path != "/" {
            candidates.append(ancestor.appendingPathComponent("shared/corpus/mail"))
            ancestor.deleteLastPathComponent()
        }
        return candidates.first {
            manager.fileExists(atPath: $0.appendingPathComponent("expected.json").path)
        }
    }
}
