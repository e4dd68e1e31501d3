import Foundation

/// `ledgermail classify`: a mail file classified as the inbox would classify it.
public struct MailClassification: Sendable {
    let services: GatewayServices

    /// The VERP token is checked with this install's key; for a delivery of this database, each
    /// recipient is named by the address it was sent to.
    public func report(_ data: Data, file: String) -> ClassificationReport {
        var classification = InboundClassifier.classify(data, own: services.ownAddresses)
        let verdict = services.envelopeVerdict(MailMessage(data))
        if let verdict, verdict.valid,
           let sentTo = try? services.store.read({ tx in try tx.sentAddresses(ofDelivery: verdict.deliveryID) }) {
            classification = classification.tied(to: sentTo)
        }
        return ClassificationReport(file: file, classification: classification, verp: verdict)
    }
}
