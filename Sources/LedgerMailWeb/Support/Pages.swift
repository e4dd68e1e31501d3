import Foundation
import Hummingbird
import LedgerMail
import Mustache

/// The HTML pages: mustache templates from `templates/web/` (HTML-escaped by default), with
/// each language's labels from `templates/web/labels/LANG.json`.
struct Pages: Sendable {
    let library: MustacheLibrary
    let labels: [Language: [String: String]]
    let stylesheet: String

    init(directory: URL) async throws {
        library = try await MustacheLibrary(directory: directory.path)
        var labels: [Language: [String: String]] = [:]
        for language in Language.allCases {
            let file = directory.appendingPathComponent("labels/\(language.rawValue).json")
            labels[language] = try JSONDecoder().decode([String: String].self, from: Data(contentsOf: file))
        }
        self.labels = labels
        stylesheet = try String(contentsOf: directory.appendingPathComponent("static/style.css"), encoding: .utf8)
    }

    /// `templates/web/` beside the program or in its checkout.
    static func builtInDirectory() -> URL? {
        ResourceLocator.find("templates", marker: "web/login.mustache")?.appendingPathComponent("web")
    }

    /// A whole page: `values` plus the labels, the language and the form token.
    func render(_ page: String, language: Language, status: HTTPResponse.Status = .ok, _ values: [String: Any]) -> Response {
        var context = values
        context["t"] = labels[language] ?? [:]
        context["lang"] = language.rawValue
        let html = library.render(context, withTemplate: page) ?? "template \(page) is missing"
        var response = Response(status: status, body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.contentType] = "text/html; charset=utf-8"
        response.headers[.cacheControl] = "no-store"
        return response
    }
}
