@testable import LedgerMail
import Testing

@Suite("Belgian enterprise numbers")
struct BelgianNumberTests {
    @Test("spellings normalise to ten digits", arguments: [
        "BE 0123.456.749", "BE0123456749", "be0123456749", "0123456749", "123456749", "0123 456 749",
    ])
    func normalizes(spelling: String) {
        #expect(BelgianNumber.normalize(spelling) == "0123456749")
    }

    @Test("not 9 or 10 digits is nil", arguments: ["", "BE", "12345678", "01234567490", "NL0123456749", "BE01234X6749"])
    func rejectsShape(spelling: String) {
        #expect(BelgianNumber.normalize(spelling) == nil)
    }

    // All checked with 97 − (first 8 mod 97) == last 2.
    @Test("mod-97 valid numbers", arguments: [
        "0123456749", "0000000196", "0000000295", "0202239951", "0477472701", "1018265814", "0848934496",
    ])
    func valid(number: String) {
        #expect(BelgianNumber.isValid(number))
    }

    // 0214168947 is a customer number in the odoo BEG test case: not valid.
    @Test("wrong check digits or shape are invalid", arguments: [
        "0123456789", "0123456748", "0214168947", "2123456749", "123456749", "BE0123456749", "",
    ])
    func invalid(number: String) {
        #expect(!BelgianNumber.isValid(number))
    }

    @Test("identifier normalisation")
    func identifiers() {
        #expect(normalizedIdentifier("BE 0123.456.749") == "0123456749")
        #expect(normalizedIdentifier("be0123456749") == normalizedIdentifier("0123456749"))
        #expect(normalizedIdentifier("NO 123 456 785 MVA") == "NO123456785MVA")
        // Only BE + exactly ten digits is shortened.
        #expect(normalizedIdentifier("BE123456749") == "BE123456749")
        #expect(normalizedIdentifier("BEST1") == "BEST1")
    }
}
