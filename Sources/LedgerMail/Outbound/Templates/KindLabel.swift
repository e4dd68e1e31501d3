extension DocumentKind {
    /// How the mails name the kind, in the dossier's language.
    func label(_ language: Language) -> String {
        switch (self, language) {
        case (.salesInvoice, .nl): "Verkoopfactuur"
        case (.salesInvoice, .fr): "Facture de vente"
        case (.salesInvoice, .en): "Sales invoice"
        case (.salesCreditNote, .nl): "Verkoopcreditnota"
        case (.salesCreditNote, .fr): "Note de crédit de vente"
        case (.salesCreditNote, .en): "Sales credit note"
        case (.purchaseInvoice, .nl): "Aankoopfactuur"
        case (.purchaseInvoice, .fr): "Facture d'achat"
        case (.purchaseInvoice, .en): "Purchase invoice"
        case (.purchaseCreditNote, .nl): "Aankoopcreditnota"
        case (.purchaseCreditNote, .fr): "Note de crédit d'achat"
        case (.purchaseCreditNote, .en): "Purchase credit note"
        case (.receipt, .nl): "Ontvangstbewijs"
        case (.receipt, .fr): "Reçu"
        case (.receipt, .en): "Receipt"
        case (.other, .nl): "Document"
        case (.other, .fr): "Document"
        case (.other, .en): "Document"
        case (.coda, _): "CODA"
        case (.codaPDF, .nl): "Rekeninguittreksel"
        case (.codaPDF, .fr): "Extrait de compte"
        case (.codaPDF, .en): "Bank statement"
        }
    }
}
