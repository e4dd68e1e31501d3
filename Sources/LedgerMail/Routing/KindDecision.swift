/// Decides a UBL document's kind as seen by the dossier's business, or why it cannot.
///
/// A guess would send an invoice to the wrong tray, so anything unclear is held for a person.
enum KindDecision: Sendable, Equatable {
    case kind(DocumentKind)
    case unknown(reason: String)

    public init(document: UBLDocument, ownIdentifiers: [String]) {
        let match = PartyMatcher(ownIdentifiers: ownIdentifiers).classify(document)
        let isCredit = document.root == .creditNote
        switch match {
        case .supplier:
            self = .kind(isCredit ? .salesCreditNote : .salesInvoice)
        case .customer:
            self = .kind(isCredit ? .purchaseCreditNote : .purchaseInvoice)
        case .both(let level):
            self = .unknown(reason: "both supplier and customer match this dossier (\(level)): sales or purchase cannot be told apart")
        case .neither:
            self = .unknown(reason: "neither the supplier nor the customer matches this dossier's VAT or enterprise number")
        }
    }
}
