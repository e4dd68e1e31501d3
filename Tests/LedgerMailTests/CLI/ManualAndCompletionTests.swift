import Foundation
import Testing

/// The man page (swift-argument-parser's generate-manual plugin, run by `scripts/test` and the
/// set-up) and the shell completion scripts, as a shell user meets them.
@Suite("Man page and completion", .enabled(if: CommandLine.binaryExists, "needs .build/debug/ledgermail"))
struct ManualAndCompletionTests {
    static let manual = MailStack.repository.appendingPathComponent(".build/plugins/GenerateManual/outputs/ledgermail/ledgermail.1")
    /// `scripts/test` generates the page and sets this, so a missing page fails there instead of skipping.
    static var manualExpected: Bool {
        FileManager.default.fileExists(atPath: manual.path) || ProcessInfo.processInfo.environment["LEDGERMAIL_REQUIRE_MANUAL"] == "1"
    }

    @Test("the man page renders and documents the commands", .enabled(if: manualExpected,
          "needs `swift package plugin generate-manual --configuration debug` (scripts/test runs it)"))
    func manPageRenders() {
        let rendered = MailStack.run("/bin/sh", ["-c", "MANWIDTH=100 man -l '\(Self.manual.path)' | col -b"])
        #expect(rendered.status == 0, "\(rendered.output)")
        for word in ["ledgermail", "dossier", "route", "status", "--config"] {
            #expect(rendered.output.contains(word), "\(word) in the rendered page")
        }
    }

    @Test("the bash completion script registers ledgermail and completes `ledgermail dos` to `dossier`")
    func bashCompletion() {
        let script = """
            source <('\(CommandLine.binary.path)' --generate-completion-script bash) || exit 2
            complete -p ledgermail || exit 3
            function=$(complete -p ledgermail | sed -E 's/.*-F ([^ ]+).*/\\1/')
            COMP_WORDS=(ledgermail dos); COMP_CWORD=1; COMP_LINE='ledgermail dos'; COMP_POINT=14
            "$function" ledgermail dos ledgermail
            printf 'reply: %s\\n' "${COMPREPLY[@]}"
            """
        let result = MailStack.run("/bin/bash", ["--norc", "--noprofile", "-c", script])
        #expect(result.status == 0, "\(result.output)")
        #expect(result.output.contains("complete -o filenames -F"), "\(result.output)")
        #expect(result.output.contains("reply: dossier"), "\(result.output)")
    }

    @Test("zsh and fish completion scripts are generated", arguments: ["zsh", "fish"])
    func otherShells(shell: String) {
        let result = CommandLine.run(["--generate-completion-script", shell], in: FileManager.default.temporaryDirectory)
        #expect(result.status == 0 && result.output.contains("dossier"), "\(result.output.prefix(300))")
    }
}
