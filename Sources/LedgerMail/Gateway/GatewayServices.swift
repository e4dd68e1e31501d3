import Foundation
import Logging

/// What every job of the gateway works with: the settings, the store, the stored files, the
/// VERP signer, the mail templates, the log and the clock. Each job (`Dossiers/`, `Import/`,
/// `Send/`, `Inbox/`, `PeriodEnd/`, …) is a small value holding these, made by `Gateway`.
struct GatewayServices: Sendable {
    let settings: Settings
    let store: any StoreEngine
    let blobs: any BlobStorage
    let verp: VERPSigner
    let templates: MailTemplates
    let logger: Logger
    /// Injectable so tests can move time instead of waiting for it.
    let clock: @Sendable () -> Date
    /// `run`'s wait after a refused SMTP login.
    let loginBackoff: LoginBackoff
}
