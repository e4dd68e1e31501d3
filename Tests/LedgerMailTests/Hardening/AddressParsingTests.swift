import Foundation
import Testing
@testable import LedgerMail

/// One RFC 5322 mailbox parser for `--from` and every address option: exactly one mailbox.
@Suite("Address parsing")
struct AddressParsingTests {
    @Test("more than one mailbox, or anything around it, is refused", arguments: [
        "Acme <acme@gateway.test> <evil@attacker.test>", "acme@gateway.test, evil@attacker.test",
        "Acme <acme@gateway.test>, evil@attacker.test", "<acme@gateway.test> evil@attacker.test",
        "Acme <acme@gateway.test", "Acme acme@gateway.test>", "\"Acme <acme@gateway.test>", "Acme <>",
        "Group: acme@gateway.test;", "Acme <acme@gateway.test> (comment) <x@y.test>", "Ac\u{7}me <acme@gateway.test>",
        "Acme@x <acme@gateway.test>",
    ])
    func oneMailboxOnly(text: String) {
        #expect(throws: InvalidInput.self) { try Mailbox(parsing: text) }
    }

    @Test("a display name is read as RFC 5322 says: quoted strings unescaped, plain words kept")
    func displayNames() throws {
        let quoted = try Mailbox(parsing: "\"Acme <BV>, \\\"the\\\" best\" <acme@gateway.test>")
        #expect(quoted.displayName == "Acme <BV>, \"the\" best" && quoted.address.value == "acme@gateway.test")
        let plain = try Mailbox(parsing: "  Zoë & Söhne BV   <acme@gateway.test> ")
        #expect(plain.displayName == "Zoë & Söhne BV")
        #expect(try Mailbox(parsing: "acme@gateway.test").displayName == nil)
        #expect(try Mailbox(parsing: "<acme@gateway.test>").displayName == nil)
    }

    @Test("the display name goes out re-quoted: one From mailbox, the address as given")
    func requotedOnTheWire() throws {
        let mailbox = try Mailbox(parsing: "\"Acme <acme@gateway.test>\" <acme@gateway.test>")
        let header = HeaderEncoding.mailbox("From", mailbox)
        #expect(header == "From: \"Acme <acme@gateway.test>\" <acme@gateway.test>\r\n")
        let tricky = HeaderEncoding.mailbox("From", Mailbox(displayName: "a\\\"b", address: mailbox.address))
        #expect(tricky == "From: \"a\\\\\\\"b\" <acme@gateway.test>\r\n")
    }

    @Test("an address-only option takes one bare address, through the same parser", arguments: [
        "Acme <acme@gateway.test>", "a@b.test, c@d.test", "a@b.test c@d.test",
    ])
    func addressOnly(text: String) {
        #expect(throws: InvalidInput.self) { try EmailAddress(text) }
    }
}
