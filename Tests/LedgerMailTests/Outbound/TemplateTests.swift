import Foundation
import Testing
@testable import LedgerMail

@Suite("Mail templates")
struct TemplateTests {
    let templates = try! MailTemplates(directory: nil)

    @Test("every template renders in nl, fr and en, in its own language", arguments: Language.allCases)
    func allLanguages(language: Language) {
        let values: [String: Any] = [
            "company": "Acme BV", "kind_label": "X", "kind_label_lower": "x", "number": "V01/1", "counterparty": "Klant",
            "issue_date": "2026-11-10", "attachment_list": "V01_1.xml, V01_1.pdf", "period": "2026-Q3", "total": 3,
            "kinds": [["kind": "K", "count": 3]], "sent_now": 2, "sent_before": 1, "failed": [[String: String]](),
            "bounced": [[String: String]](), "held": [["kind": "K", "number": "H1", "counterparty": "", "reason": "r"]],
            "has_problems": true, "comment": "Alles binnen", "count": 1, "zip": true, "parts": 2, "part": 1,
            "documents": [["kind": "K", "number": "N", "counterparty": "C", "files": "a.xml"]],
            "kind": "K", "addresses": ["inkoop@acct.test"], "attach": "both", "max_size": "20.0 MB",
        ]
        let words: [Language: [String: String]] = [
            .nl: ["document": "In bijlage", "notification": "Opmerking van", "selfmail": "deel 1 van 2", "route-test": "importadres"],
            .fr: ["document": "Veuillez trouver", "notification": "Remarque de", "selfmail": "partie 1 sur 2", "route-test": "adresse d'import"],
            .en: ["document": "Attached is", "notification": "A note from", "selfmail": "part 1 of 2", "route-test": "import address"],
        ]
        for name in ["document", "notification", "selfmail", "route-test"] {
            let body = templates.render(name, language: language, values)
            #expect(body.contains(words[language]![name]!), "\(language) \(name): \(body)")
            #expect(!templates.render("\(name)-subject", language: language, values).isEmpty)
            #expect(body.contains("Acme BV"))
        }
        #expect(templates.render("notification", language: language, values).contains("Alles binnen"))
        #expect(templates.render("notification", language: language, values).contains("H1"))
    }

    @Test("a templates_dir missing a template is refused by name")
    func incompleteOverride() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("templates-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("nl"), withIntermediateDirectories: true)
        #expect { _ = try MailTemplates(directory: directory) } throws: { "\($0)".contains("missing mail template") }
    }
}
