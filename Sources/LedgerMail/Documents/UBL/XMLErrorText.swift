import Foundation

/// Short English text for libxml2's errors, whose own messages are terse
/// and technical; the common ones are spelled out here (numbers from
/// libxml2's xmlParserErrors).
enum XMLErrorText {
    static func describe(code: Int) -> String {
        messages[code] ?? "XML error \(code)"
    }

    private static let messages: [Int: String] = [
        1: "the document exceeds the XML parser's internal limits",
        4: "the document is empty",
        5: "the file ends before the document is complete",
        9: "the file contains an invalid character",
        26: "the file uses an undeclared entity",
        31: "an unsupported character encoding is used",
        32: "an unsupported character encoding is used",
        38: "an attribute value contains '<'",
        39: "an attribute value is not quoted",
        40: "an attribute value is not closed",
        41: "an attribute has no value",
        42: "an attribute appears twice in one element",
        68: "a tag name is missing or a stray '<' or '&' appears in text",
        73: "a tag is not closed with '>'",
        76: "an element is closed with the wrong end tag",
        77: "an element is not closed properly",
        85: "elements are not properly nested",
        86: "the document has content after its end",
        201: "a namespace prefix is used without being declared",
    ]
}
