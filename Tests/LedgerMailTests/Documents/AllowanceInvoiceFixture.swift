/// An invoice in US dollars whose VAT must also be stated in euro (TaxCurrencyCode), with a
/// discount and a surcharge on its lines and on the whole document: 10 × 20.00 − 20.00 = 180.00
/// at 21 %, 1 × 50.00 + 5.00 = 55.00 at 12.5 %; 235.00 − 15.00 + 30.00 = 250.00; VAT 21 % of
/// 195.00 = 40.95 and 12.5 % of 55.00 = 6.88: 47.83 USD, stated as 43.05 EUR.
enum AllowanceInvoiceFixture {
    static let number = "US-2026-0001"

    static func invoice() -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
                 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
                 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
          <cbc:ID>\(number)</cbc:ID>
          <cbc:IssueDate>2026-03-02</cbc:IssueDate>
          <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
          <cbc:DocumentCurrencyCode>USD</cbc:DocumentCurrencyCode>
          <cbc:TaxCurrencyCode>EUR</cbc:TaxCurrencyCode>
          <cac:AccountingSupplierParty><cac:Party>
            <cac:PartyName><cbc:Name>Acme BV</cbc:Name></cac:PartyName>
            <cac:PartyTaxScheme><cbc:CompanyID>BE0123456749</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
          </cac:Party></cac:AccountingSupplierParty>
          <cac:AccountingCustomerParty><cac:Party>
            <cac:PartyName><cbc:Name>Globex Inc.</cbc:Name></cac:PartyName>
            <cac:PartyTaxScheme><cbc:CompanyID>BE0000000295</cbc:CompanyID><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:PartyTaxScheme>
          </cac:Party></cac:AccountingCustomerParty>
          <cac:AllowanceCharge>
            <cbc:ChargeIndicator>false</cbc:ChargeIndicator>
            <cbc:AllowanceChargeReason>Kortingsbon voorjaar</cbc:AllowanceChargeReason>
            <cbc:Amount currencyID="USD">15.00</cbc:Amount>
            <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
          </cac:AllowanceCharge>
          <cac:AllowanceCharge>
            <cbc:ChargeIndicator>true</cbc:ChargeIndicator>
            <cbc:AllowanceChargeReasonCode>FC</cbc:AllowanceChargeReasonCode>
            <cbc:AllowanceChargeReason>Transportkosten</cbc:AllowanceChargeReason>
            <cbc:Amount currencyID="USD">30.00</cbc:Amount>
            <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
          </cac:AllowanceCharge>
          <cac:TaxTotal>
            <cbc:TaxAmount currencyID="USD">47.83</cbc:TaxAmount>
            <cac:TaxSubtotal>
              <cbc:TaxableAmount currencyID="USD">195.00</cbc:TaxableAmount>
              <cbc:TaxAmount currencyID="USD">40.95</cbc:TaxAmount>
              <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
            </cac:TaxSubtotal>
            <cac:TaxSubtotal>
              <cbc:TaxableAmount currencyID="USD">55.00</cbc:TaxableAmount>
              <cbc:TaxAmount currencyID="USD">6.88</cbc:TaxAmount>
              <cac:TaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>12.5</cbc:Percent><cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme></cac:TaxCategory>
            </cac:TaxSubtotal>
          </cac:TaxTotal>
          <cac:TaxTotal><cbc:TaxAmount currencyID="EUR">43.05</cbc:TaxAmount></cac:TaxTotal>
          <cac:LegalMonetaryTotal>
            <cbc:LineExtensionAmount currencyID="USD">235.00</cbc:LineExtensionAmount>
            <cbc:TaxExclusiveAmount currencyID="USD">250.00</cbc:TaxExclusiveAmount>
            <cbc:TaxInclusiveAmount currencyID="USD">297.83</cbc:TaxInclusiveAmount>
            <cbc:AllowanceTotalAmount currencyID="USD">15.00</cbc:AllowanceTotalAmount>
            <cbc:ChargeTotalAmount currencyID="USD">30.00</cbc:ChargeTotalAmount>
            <cbc:PayableAmount currencyID="USD">297.83</cbc:PayableAmount>
          </cac:LegalMonetaryTotal>
          <cac:InvoiceLine>
            <cbc:ID>1</cbc:ID>
            <cbc:InvoicedQuantity unitCode="C62">10</cbc:InvoicedQuantity>
            <cbc:LineExtensionAmount currencyID="USD">180.00</cbc:LineExtensionAmount>
            <cac:AllowanceCharge>
              <cbc:ChargeIndicator>false</cbc:ChargeIndicator>
              <cbc:AllowanceChargeReason>Volumekorting</cbc:AllowanceChargeReason>
              <cbc:MultiplierFactorNumeric>10</cbc:MultiplierFactorNumeric>
              <cbc:Amount currencyID="USD">20.00</cbc:Amount>
              <cbc:BaseAmount currencyID="USD">200.00</cbc:BaseAmount>
            </cac:AllowanceCharge>
            <cac:Item><cbc:Name>Onderhoudscontract</cbc:Name>
              <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>21</cbc:Percent></cac:ClassifiedTaxCategory></cac:Item>
            <cac:Price><cbc:PriceAmount currencyID="USD">20.00</cbc:PriceAmount></cac:Price>
          </cac:InvoiceLine>
          <cac:InvoiceLine>
            <cbc:ID>2</cbc:ID>
            <cbc:InvoicedQuantity unitCode="C62">1</cbc:InvoicedQuantity>
            <cbc:LineExtensionAmount currencyID="USD">55.00</cbc:LineExtensionAmount>
            <cac:AllowanceCharge>
              <cbc:ChargeIndicator>true</cbc:ChargeIndicator>
              <cbc:AllowanceChargeReasonCode>ABL</cbc:AllowanceChargeReasonCode>
              <cbc:Amount currencyID="USD">5.00</cbc:Amount>
            </cac:AllowanceCharge>
            <cac:Item><cbc:Name>Reserveonderdeel</cbc:Name>
              <cac:ClassifiedTaxCategory><cbc:ID>S</cbc:ID><cbc:Percent>12.5</cbc:Percent></cac:ClassifiedTaxCategory></cac:Item>
            <cac:Price><cbc:PriceAmount currencyID="USD">50.00</cbc:PriceAmount></cac:Price>
          </cac:InvoiceLine>
        </Invoice>
        """
    }
}
