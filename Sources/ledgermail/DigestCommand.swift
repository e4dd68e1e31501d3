import ArgumentParser
import LedgerMail

struct DigestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "digest",
        abstract: "Send (or with --dry-run print) the owner's next digest of trouble and replies.",
        discussion: """
            `run` sends digests on its own after a pass with trouble, at most once per digest.interval.
            This command sends the next one now; each event is reported once.

            Example:
              ledgermail digest acme --dry-run
            """
    )

    @OptionGroup var options: GlobalOptions
    @Argument(help: "The dossier.") var dossier: String
    @Flag(name: .customLong("dry-run"), help: "Print the digest; send nothing, record nothing.") var dryRun = false

    func run() async throws {
        guard let digest = try await options.gateway().digests.next(dossier: dossier, dryRun: dryRun) else {
            print("nothing to report for \(dossier)")
            return
        }
        if dryRun {
            print("To: \(digest.recipient)\nSubject: \(digest.subject)\n\n\(digest.text)")
        } else {
            print("digest sent to \(digest.recipient): \(digest.events) event(s)")
        }
    }
}
