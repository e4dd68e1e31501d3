import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// The settings page in the account's language.
@Suite("Web settings", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct WebSettingsTests {
    @Test("the settings page names the dispatch choices in the account's language (nl, fr, en), the values unchanged")
    func dispatchChoicesTranslated() async throws {
        let install = try WebInstall()
        for language in Language.allCases {
            try install.ledgermail("user", "add", "\(language.rawValue)@acme.test", "--role", "owner", "--dossier", "acme",
                                   "--language", language.rawValue, "--password-stdin", input: WebInstall.password)
        }
        try await install.start()
        let labelsDirectory = MailStack.repository.appendingPathComponent("templates/web/labels")
        for language in Language.allCases {
            let labels = try JSONDecoder().decode([String: String].self,
                from: Data(contentsOf: labelsDirectory.appendingPathComponent("\(language.rawValue).json")))
            let page = install.python("web_page.py", ["\(language.rawValue)@acme.test", WebInstall.password, "/dossiers/acme/settings"])
            #expect(page.status == 0 && page.output.hasPrefix("200"), "\(page.output)")
            for policy in DispatchPolicy.allCases {
                let label = try #require(labels["dispatch_" + policy.rawValue.replacingOccurrences(of: "-", with: "_")],
                                         "\(language.rawValue).json has no label for \(policy.rawValue)")
                #expect(label != policy.rawValue)
                let option = try Regex(#"<option value="\#(policy.rawValue)"( selected)?>"# + NSRegularExpression.escapedPattern(for: label) + "</option>")
                #expect(page.output.contains(option), "\(language.rawValue): no option \(policy.rawValue) labelled '\(label)'")
            }
        }
    }
}
}
