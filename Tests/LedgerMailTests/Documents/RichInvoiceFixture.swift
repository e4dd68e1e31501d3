import Foundation

/// A Belgian invoice with everything the PDF shows: addresses, several lines
/// at two VAT rates, a tax-currency TaxTotal, payment means, and names with
/// markup characters. `lineCount` above 3 adds plain numbered lines (the
/// totals then no longer add up, which the reader and renderer ignore).
enum RichInvoiceFixture {
    static let number = "2025/0107"
    static let supplierName = "Bakkerij Janssens & Zonen <BV>"
    static let customerName = "Café \"De Hoek\" & Co"
    static let supplierVAT = "BE0123456749"
    static let customerVAT = "BE0000000295"
    static let paymentReference = "+++090/9337/55493+++"
    static let iban = "BE68539007547034"
    static let descriptions = ["Volkorenbrood", "Taart <aardbei> & room", "Croissants (doos van 12)"]

    static func invoice(lineCount: Int = 3) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
                 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
          <cbc:ID>\(number)</cbc:ID>
          <cbc:IssueDate>2025-04-02</cbc:IssueDate>
          <cbc:DueDate>2025-05-02</cbc:DueDate>
          <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
          <cbc:DocumentCurrencyCode>EUR</cbc:DocumentCurrencyCode>
          <cbc:TaxCurrencyCode>USD</cbc:TaxCurrencyCode>
          <cac:AccountingSupplierParty>
            <cac:Party>
              <cbc:EndpointID schemeID="0208">0123456749</cbc:EndpointID>
              <cac:PartyName><cbc:Name>Janssens</cbc:Name></cac:PartyName>
              <cac:PostalAddress>
                <cbc:StreetName>Kerkstraat 12</cbc:StreetName>
                <cbc:AdditionalStreetName>Bus 3</cbc:AdditionalStreetName>
                <cbc:CityName>Gent</cbc:CityName>
                <cbc:PostalZone>9000</cbc:PostalZone>
                <cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country>
              </cac:PostalAddress>
              <cac:PartyTaxScheme>
                <cbc:CompanyID>\(supplierVAT)</cbc:CompanyID>
                <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
              </cac:PartyTaxScheme>
              <cac:PartyLegalEntity>
                <cbc:RegistrationName>Bakkerij Janssens &amp; Zonen &lt;BV&gt;</cbc:RegistrationName>
              </cac:PartyLegalEntity>
            </cac:Party>
          </cac:AccountingSupplierParty>
          <cac:AccountingCustomerParty>
            <cac:Party>
              <cbc:EndpointID schemeID="9925">\(customerVAT)</cbc:EndpointID>
              <cac:PartyName><cbc:Name>Café "De Hoek" &amp; Co</cbc:Name></cac:PartyName>
              <cac:PostalAddress>
                <cbc:StreetName>Rue Haute 5</cbc:StreetName>
                <cbc:CityName>Bruxelles</cbc:CityName>
                <cbc:PostalZone>1000</cbc:PostalZone>
                <cac:Country><cbc:IdentificationCode>BE</cbc:IdentificationCode></cac:Country>
              </cac:PostalAddress>
              <cac:PartyTaxScheme>
                <cbc:CompanyID>\(customerVAT)</cbc:CompanyID>
                <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
              </cac:PartyTaxScheme>
            </cac:Party>
          </cac:AccountingCustomerParty>
          <cac:PaymentMeans>
            <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
            <cbc:PaymentID>\(paymentReference)</cbc:PaymentID>
            <cac:PayeeFinancialAccount><cbc:ID>\(iban)</cbc:ID></cac:PayeeFinancialAccount>
          </cac:PaymentMeans>
          <cac:PaymentMeans>
            <cbc:PaymentMeansCode>58</cbc:PaymentMeansCode>
            <cbc:PaymentID>second means, ignored</cbc:PaymentID>
            <cac:PayeeFinancialAccount><cbc:ID>BE71096123456769</cbc:ID></cac:PayeeFinancialAccount>
          </cac:PaymentMeans>
          <cac:TaxTotal>
            <cbc:TaxAmount currencyID="USD">29.50</cbc:TaxAmount>
            <cac:TaxSubtotal>
              <cbc:TaxableAmount currencyID="USD">222.00</cbc:TaxableAmount>
              <cbc:TaxAmount currencyID="USD">29.50</cbc:TaxAmount>
              <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>99</cbc:Percent></cac:TaxCategory>
            </cac:TaxSubtotal>
          </cac:TaxTotal>
          <cac:TaxTotal>
            <cbc:TaxAmount currencyID="EUR">87.3</cbc:TaxAmount>
            <cac:TaxSubtotal>
              <cbc:TaxableAmount currencyID="EUR">100.00</cbc:TaxableAmount>
              <cbc:TaxAmount currencyID="EUR">21.00</cbc:TaxAmount>
              <cac:TaxCategory>
                <cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent>
                <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
              </cac:TaxCategory>
            </cac:TaxSubtotal>
            <cac:TaxSubtotal>
              <cbc:TaxableAmount currencyID="EUR">1105</cbc:TaxableAmount>
              <cbc:TaxAmount currencyID="EUR">66.30</cbc:TaxAmount>
              <cac:TaxCategory>
                <cbc:ID>S</cbc:ID><cbc:Percent>6</cbc:Percent>
                <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
              </cac:TaxCategory>
            </cac:TaxSubtotal>
          </cac:TaxTotal>
          <cac:LegalMonetaryTotal>
            <cbc:LineExtensionAmount currencyID="EUR">1205.00</cbc:LineExtensionAmount>
            <cbc:TaxExclusiveAmount currencyID="EUR">1205.00</cbc:TaxExclusiveAmount>
            <cbc:TaxInclusiveAmount currencyID="EUR">1292.30</cbc:TaxInclusiveAmount>
            <cbc:PayableAmount currencyID="EUR">1292.3</cbc:PayableAmount>
          </cac:LegalMonetaryTotal>
          <cac:InvoiceLine>
            <cbc:ID>1</cbc:ID>
            <cbc:InvoicedQuantity unitCode="C62">2</cbc:InvoicedQuantity>
            <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
            <cac:Item>
              <cbc:Description>Not the name</cbc:Description>
              <cbc:Name>\(descriptions[0])</cbc:Name>
              <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent></cac:ClassifiedTaxCategory>
            </cac:Item>
            <cac:Price><cbc:PriceAmount currencyID="EUR">50</cbc:PriceAmount></cac:Price>
            <cac:SubInvoiceLine>
              <cbc:ID>1.1</cbc:ID>
              <cbc:LineExtensionAmount currencyID="EUR">100.00</cbc:LineExtensionAmount>
              <cac:Item><cbc:Name>Sub-line, not read</cbc:Name></cac:Item>
            </cac:SubInvoiceLine>
          </cac:InvoiceLine>
          <cac:InvoiceLine>
            <cbc:ID>2</cbc:ID>
            <cbc:InvoicedQuantity unitCode="KGM">1.5</cbc:InvoicedQuantity>
            <cbc:LineExtensionAmount currencyID="EUR">45</cbc:LineExtensionAmount>
            <cac:Item>
              <cbc:Name>Taart &lt;aardbei&gt; &amp; room</cbc:Name>
              <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>6</cbc:Percent></cac:ClassifiedTaxCategory>
            </cac:Item>
            <cac:Price><cbc:PriceAmount currencyID="EUR">30.00</cbc:PriceAmount></cac:Price>
          </cac:InvoiceLine>
          <cac:InvoiceLine>
            <cbc:ID>3</cbc:ID>
            <cbc:InvoicedQuantity unitCode="C62">5</cbc:InvoicedQuantity>
            <cbc:LineExtensionAmount currencyID="EUR">1060.00</cbc:LineExtensionAmount>
            <cac:Item>
              <cbc:Description>\(descriptions[2])</cbc:Description>
              <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>6</cbc:Percent></cac:ClassifiedTaxCategory>
            </cac:Item>
            <cac:Price><cbc:PriceAmount currencyID="EUR">212.00</cbc:PriceAmount></cac:Price>
          </cac:InvoiceLine>
        \(extraLines(lineCount - 3))
        </Invoice>
        """
    }

    static func extraDescription(_ index: Int) -> String { "Artikel nummer \(index)" }

    private static func extraLines(_ count: Int) -> String {
        guard count > 0 else { return "" }
        return (1...count).map { index in
            """
              <cac:InvoiceLine>
                <cbc:ID>\(index + 3)</cbc:ID>
                <cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
                <cbc:LineExtensionAmount currencyID="EUR">1.00</cbc:LineExtensionAmount>
                <cac:Item><cbc:Name>\(extraDescription(index))</cbc:Name></cac:Item>
                <cac:Price><cbc:PriceAmount currencyID="EUR">1.00</cbc:PriceAmount></cac:Price>
              </cac:InvoiceLine>
            """
        }.joined(separator: "\n")
    }
}
