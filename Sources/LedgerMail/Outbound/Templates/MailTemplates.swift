import Foundation
import Mustache

/// The mail texts in `templates/{nl,fr,en}/` (swift-mustache): the document mail, the
/// quarter-end notification, the self-mail, the route test and the owner's digest, each a subject and a body. `templates_dir` overrides the built-in set, which is
/// found beside the executable (or in the source tree it was built from).
struct MailTemplates: Sendable {
    let directory: URL
    private let templates: [String: MustacheTemplate]

    /// Every template, each in every language; a `templates_dir` must hold them all.
    static let names = ["document-subject", "document", "notification-subject", "notification",
                        "selfmail-subject", "selfmail", "route-test-subject", "route-test", "digest-subject", "digest"]

    init(directory explicit: URL?) throws {
        guard let directory = explicit ?? Self.builtInDirectory() else {
            throw InvalidInput("the mail templates were not found beside the program; set templates_dir")
        }
        var templates: [String: MustacheTemplate] = [:]
        for language in Language.allCases {
            for name in Self.names {
                let url = directory.appendingPathComponent(language.rawValue).appendingPathComponent("\(name).mustache")
                guard let text = try? String(contentsOf: url, encoding: .utf8) else {
                    throw InvalidInput("missing mail template \(url.path)")
                }
                do {
                    templates["\(language.rawValue)/\(name)"] = try MustacheTemplate(string: text)
                } catch {
                    throw InvalidInput("mail template \(url.path) does not parse: \(error)")
                }
            }
        }
        self.directory = directory
        self.templates = templates
    }

    func render(_ name: String, language: Language, _ values: [String: Any]) -> String {
        templates["\(language.rawValue)/\(name)"]?.render(values) ?? ""
    }

    /// `templates/` beside the executable, in `../share/ledgermail/`, or up the tree it was
    /// built in (`.build/debug/ledgermail` → the checkout).
    static func builtInDirectory() -> URL? {
        ResourceLocator.find("templates", marker: "en/document.mustache")
    }
}

/// Finds the project's shipped folders (`templates/`, `config/`) from the running executable.
public enum ResourceLocator {
    public static func find(_ folder: String, marker: String) -> URL? {
        var candidates: [URL] = []
        // The running file itself (/proc/self/exe): argv[0] is a bare name when found on PATH.
        let executable = (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments.first ?? "."))
            .resolvingSymlinksInPath()
        var directory = executable.deletingLastPathComponent()
        candidates.append(directory.appendingPathComponent("../share/ledgermail"))
        for _ in 0..<6 {
            candidates.append(directory)
            directory = directory.deletingLastPathComponent()
        }
        // Test bundles run from .build/…/xctest: the same walk from this source file finds the checkout.
        candidates.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../../.."))
        for candidate in candidates {
            let folderURL = candidate.appendingPathComponent(folder, isDirectory: true).standardizedFileURL
            if FileManager.default.fileExists(atPath: folderURL.appendingPathComponent(marker).path) { return folderURL }
        }
        return nil
    }
}
