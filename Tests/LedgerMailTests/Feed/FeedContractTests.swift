import Foundation
import Testing
@testable import LedgerMail

extension RealStack {
/// openapi.yaml against the live server: schemathesis (PyPI, `scripts/install-deps`) generates
/// requests from the document, valid and invalid, and checks every answer against it.
@Suite("Feed API contract", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct FeedContractTests {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    static let spec = MailStack.repository.appendingPathComponent("Sources/LedgerMailAPI/openapi.yaml")

    @Test("schemathesis finds no server error and no answer that breaks openapi.yaml")
    func schemathesis() async throws {
        let (install, tokens, _) = try FeedAPITests.pullingInstall()
        try await install.start()
        let run = MailStack.run("/usr/bin/env", [
            "st", "--config-file", Self.here.appendingPathComponent("schemathesis.toml").path, "run", Self.spec.path,
            "--url", install.baseURL + "/api/v1", "-H", "Authorization: Bearer \(tokens[0])", "--max-examples", "40", "--seed", "12",
        ])
        #expect(run.status == 0, "\(run.output)")
        #expect(run.output.contains("No issues found"), "\(run.output)")
        #expect(!install.log().contains("api-error"), "\(install.log())")
    }
}
}
