import Foundation

/// A small self-made Belgian UBL invoice, so the core is tested without the
/// public corpus. Pieces can be swapped to build hostile variants.
enum InlineFixture {
    /// A 125-byte PDF skeleton ("%PDF-1.4 ... %%EOF"), base64, wrapped at
    /// 76 columns and indented the way real senders do it.
    static let tinyPDFBase64 = """
        JVBERi0xLjQKMSAwIG9iajw8L1R5cGUvQ2F0YWxvZy9QYWdlcyAyIDAgUj4+ZW5kb2JqCjIgMCBv
                  Ymo8PC9UeXBlL1BhZ2VzL0tpZHNbXS9Db3VudCAwPj5lbmRvYmoKdHJhaWxlcjw8L1Jvb3QgMSAw
          IFI+PgolJUVPRgo=
        """
    static let tinyPDFByteCount = 125
    static let tinyPDFSHA256 = "79370862c6cb54e96ed3125464c11e4ce3e8b08fb5048723695b6b9e9728d701"

    /// "hello, not a pdf" declared as application/pdf.
    static let textBase64 = "aGVsbG8sIG5vdCBhIHBkZg=="

    static func invoice(
        attachment: String = tinyPDFBase64,
        mimeCode: String = "application/pdf",
        payable: String = "121.00",
        extraRootContent: String = ""
    ) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
                 xmlns:b="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <b:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</b:CustomizationID>
          <b:ID>2025/0042</b:ID>
          <b:IssueDate>2025-03-01</b:IssueDate>
          <b:DueDate>2025-03-31</b:DueDate>
          <b:InvoiceTypeCode>380</b:InvoiceTypeCode>
          <b:DocumentCurrencyCode>EUR</b:DocumentCurrencyCode>
          \(extraRootContent)
          <cac:AdditionalDocumentReference>
            <b:ID>UBL.BE</b:ID>
            <b:DocumentDescription>BEST 1.0</b:DocumentDescription>
          </cac:AdditionalDocumentReference>
          <cac:AdditionalDocumentReference>
            <b:ID>INV-2025-0042</b:ID>
            <b:DocumentDescription>CommercialInvoice</b:DocumentDescription>
            <cac:Attachment>
              <b:EmbeddedDocumentBinaryObject mimeCode="\(mimeCode)" filename="INV-2025-0042.pdf">\(attachment)</b:EmbeddedDocumentBinaryObject>
            </cac:Attachment>
          </cac:AdditionalDocumentReference>
          <cac:AccountingSupplierParty>
            <cac:Party>
              <b:EndpointID schemeID="0208">0123456749</b:EndpointID>
              <cac:PartyName><b:Name>Bakkerij Janssens</b:Name></cac:PartyName>
              <cac:PartyTaxScheme>
                <b:CompanyID>BE 0123.456.749</b:CompanyID>
                <cac:TaxScheme><b:ID>VAT</b:ID></cac:TaxScheme>
              </cac:PartyTaxScheme>
              <cac:PartyLegalEntity>
                <b:RegistrationName>Bakkerij Janssens BV</b:RegistrationName>
                <b:CompanyID schemeID="0208">0123456749</b:CompanyID>
              </cac:PartyLegalEntity>
            </cac:Party>
          </cac:AccountingSupplierParty>
          <cac:AccountingCustomerParty>
            <cac:Party>
              <b:EndpointID schemeID="9925">BE0000000295</b:EndpointID>
              <cac:PartyIdentification><b:ID>0000000295</b:ID></cac:PartyIdentification>
              <cac:PartyName><b:Name>Café De Hoek</b:Name></cac:PartyName>
            </cac:Party>
          </cac:AccountingCustomerParty>
          <cac:TaxTotal>
            <b:TaxAmount currencyID="EUR">21.00</b:TaxAmount>
            <cac:TaxSubtotal>
              <b:TaxableAmount currencyID="EUR">100.00</b:TaxableAmount>
              <b:TaxAmount currencyID="EUR">99.99</b:TaxAmount>
            </cac:TaxSubtotal>
          </cac:TaxTotal>
          <cac:LegalMonetaryTotal>
            <b:LineExtensionAmount currencyID="EUR">100</b:LineExtensionAmount>
            <b:TaxExclusiveAmount currencyID="EUR">100.00</b:TaxExclusiveAmount>
            <b:TaxInclusiveAmount currencyID="EUR">121.00</b:TaxInclusiveAmount>
            <b:PayableAmount currencyID="EUR">\(payable)</b:PayableAmount>
          </cac:LegalMonetaryTotal>
          <cac:InvoiceLine>
            <b:ID>1</b:ID>
            <b:LineExtensionAmount currencyID="EUR">100</b:LineExtensionAmount>
          </cac:InvoiceLine>
        </Invoice>
        """
    }

    static func data(_ xml: String) -> Data { Data(xml.utf8) }
}
