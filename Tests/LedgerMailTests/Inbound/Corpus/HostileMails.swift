import Foundation

/// Mails built to hit the parsers' worst cases: one huge line, huge headers, deep nesting, very
/// many parts, lines and addresses, each of about `size` bytes (default a megabyte): a step that is
/// quadratic in any of them takes minutes instead of milliseconds.
enum HostileMails {
    static func all(size megabyte: Int = 1 << 20) -> [(name: String, data: Data)] {
        let bounce = "From: Mail Delivery System <MAILER-DAEMON@mx.test>\r\nSubject: Undelivered Mail Returned to Sender\r\n"
        func repeated(_ unit: String, _ bytes: Int = megabyte) -> String { String(repeating: unit, count: max(1, bytes / unit.utf8.count)) }
        func mail(_ head: String, _ body: String) -> Data { Data((head + "\r\n" + body).utf8) }
        var cases: [(String, Data)] = [
            ("1 MB line of letters", mail(bounce, repeated("a"))),
            ("1 MB line of a@", mail(bounce, repeated("a@"))),
            ("1 MB line of a@b.", mail(bounce, repeated("a@b."))),
            ("1 MB line of x@y.zz and spaces", mail(bounce, repeated("x@y.zz "))),
            ("1 MB line of status codes", mail(bounce, repeated("5.1.1 4.4."))),
            ("1 MB line of @.", mail(bounce, repeated("@."))),
            ("1 MB of line ends", mail(bounce, repeated("\n"))),
            ("1 MB of CR", mail(bounce, repeated("\r"))),
            ("1 MB of CRLF and spaces", mail(bounce, repeated("\r\n \t"))),
            ("1 MB of short address lines", mail(bounce, (0..<(megabyte / 24)).map { "user\($0)@example.test\n" }.joined())),
            ("1 MB of quoted-printable =", mail(bounce + "Content-Transfer-Encoding: quoted-printable\r\n", repeated("="))),
            ("1 MB of base64 junk", mail(bounce + "Content-Transfer-Encoding: base64\r\n", repeated("QUJD=!"))),
            ("1 MB of HTML tags", mail(bounce + "Content-Type: text/html\r\n", repeated("<br><p>&amp;&lt;"))),
            ("1 MB of unclosed tags", mail(bounce + "Content-Type: text/html\r\n", repeated("<"))),
            ("1 MB of non-ASCII", mail(bounce + "Content-Type: text/plain; charset=utf-8\r\n", repeated("é@ü.ß "))),
            ("1 MB of Latin-1", Data(bounce.utf8) + Data("Content-Type: text/plain; charset=iso-8859-1\r\n\r\n".utf8)
                + Data(repeating: 0xE9, count: megabyte)),
            ("1 MB Subject of encoded-word starts", mail("Subject: " + repeated("=?") + "\r\n", "x")),
            ("1 MB Subject of encoded words", mail("Subject: " + repeated("=?utf-8?Q?a_b?= ") + "\r\n", "x")),
            ("1 MB From header of daemon names", mail("From: " + repeated("mailer-daemon ") + "\r\n", "x")),
            ("1 MB header name", mail(repeated("X") + ": y\r\n", "x")),
            ("1 MB of folded header lines", mail("Subject: failure\r\n" + repeated(" x\r\n"), "x")),
            ("1 MB of header fields", mail(repeated("X-A: b\r\n"), "x")),
            ("1 MB Content-Type parameters", mail("Content-Type: multipart/mixed; " + repeated("a=\"b;\"; ") + "\r\n", "x")),
            ("1 MB boundary", mail("Content-Type: multipart/mixed; boundary=\"" + repeated("b") + "\"\r\n", "--" + repeated("b") + "\r\n\r\nx")),
            ("1 MB of empty parts", mail("Content-Type: multipart/mixed; boundary=a\r\n", repeated("--a\n"))),
            ("1 MB of report parts", mail("Content-Type: multipart/report; report-type=delivery-status; boundary=a\r\n",
                                          repeated("--a\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; u@x.test\nAction: failed\n\n"))),
            ("1 MB of delivery-status blocks", mail(bounce + "Content-Type: multipart/report; report-type=delivery-status; boundary=a\r\n",
                                                    "--a\nContent-Type: message/delivery-status\n\n"
                                                        + repeated("Final-Recipient: rfc822; u@x.test\nAction: failed\nStatus: 5.1.1\n\n"))),
            ("1 MB of recipient prose", mail(bounce, "\nFinal-Recipient: x\n" + repeated("recipient "))),
            ("1 MB of attached originals", mail(bounce + "Content-Type: multipart/mixed; boundary=a\r\n",
                                                repeated("--a\nContent-Type: message/rfc822\n\nTo: u@x.test\n\nx\n"))),
            ("1 MB SES-looking JSON", mail(bounce, "{\"notificationType\":\"Bounce\"," + repeated("\"a\":[") )),
            ("1 MB of original-message markers", mail(bounce, repeated("original message follows\n"))),
            ("1 MB X-Failed-Recipients", mail("X-Failed-Recipients: " + repeated("a@b.cc, ") + "\r\n", "a@b.cc")),
        ]
        // Nesting: far more levels than the parser follows, with and without closing delimiters.
        var nested = ""
        for level in 0..<(megabyte / 200) { nested += "Content-Type: multipart/mixed; boundary=\"b\(level)\"\r\n\r\n--b\(level)\r\n" }
        cases.append(("\(megabyte / 200) nested multiparts", Data((bounce + nested).utf8)))
        var forwarded = bounce
        for _ in 0..<(megabyte / 500) { forwarded += "Content-Type: message/rfc822\r\n\r\n" + bounce }
        cases.append(("\(megabyte / 500) nested forwarded bounces", Data(forwarded.utf8)))
        var closed = "x"
        for level in 0..<(megabyte / 500) {
            closed = "Content-Type: multipart/mixed; boundary=\"c\(level)\"\r\n\r\n--c\(level)\r\n\(closed)\r\n--c\(level)--\r\n"
        }
        cases.append(("\(megabyte / 500) nested closed multiparts", Data((bounce + closed).utf8)))
        return cases
    }
}
