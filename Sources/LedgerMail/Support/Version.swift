/// The version printed by `ledgermail --version`.
public enum LedgerMailVersion {
    public static let current = "0.1.0"
}
