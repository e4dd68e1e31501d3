/// `init` found no config file and no example beside the program to write one from: the
/// installation is incomplete.
struct ExampleConfigMissing: Error, Sendable, CustomStringConvertible {
    public var description: String {
        "the example configuration (config/ledgermail.example.yaml) was not found beside the program: reinstall it (scripts/install-cli), or write the config file by hand"
    }
}
