import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Reads a UBL 2.x Invoice or CreditNote (optionally inside an SBDH envelope).
///
/// Order of defences: size, then the prolog check that refuses any DTD, then
/// a streaming parse with external entities off and a depth limit. The DTD
/// check is the one that matters: FoundationXML always sets libxml2's
/// NOENT option (entity substitution), which no XMLParser setting turns off.
public struct UBLReader: Sendable {
    public let limits: UBLReaderLimits

    public init(limits: UBLReaderLimits = .init()) {
        self.limits = limits
    }

    public func read(_ data: Data) throws(UBLReadError) -> UBLDocument {
        guard !data.isEmpty else { throw .empty }
        guard data.count <= limits.maxDocumentBytes else {
            throw .tooLarge(bytes: data.count, limit: limits.maxDocumentBytes)
        }
        try PrologGuard.check(data)

        let delegate = ParserDelegate(builder: UBLDocumentBuilder(limits: limits))
        // Fed as a stream on purpose: FoundationXML gives libxml2 a `data`
        // in one push chunk without XML_PARSE_HUGE, and libxml2 then fails
        // with "Huge input lookup" once ~10 MB sit in its buffer (a big PDF
        // attachment, or a long invoice). Streamed chunks stay small.
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = true
        parser.shouldReportNamespacePrefixes = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = delegate
        // The delegate property is weak; keep ours alive for the whole parse.
        let succeeded = withExtendedLifetime(delegate) { parser.parse() }

        if let failure = delegate.failure { throw failure }
        // FoundationXML parses in libxml2's recover mode; any reported error
        // still fails the read, even if the parser carried on.
        if let syntaxError = delegate.syntaxError { throw syntaxError }
        guard succeeded else {
            throw .malformedXML(
                line: parser.lineNumber, column: parser.columnNumber, message: "the XML parser stopped"
            )
        }
        guard delegate.builder.isComplete else {
            throw .malformedXML(
                line: parser.lineNumber, column: parser.columnNumber,
                message: "the file ends before the document is complete"
            )
        }
        return try delegate.builder.finish()
    }
}

/// XMLParser needs a class delegate; this one only forwards events to the
/// value-type builder and turns the first problem into an abort.
private final class ParserDelegate: NSObject, XMLParserDelegate {
    var builder: UBLDocumentBuilder
    /// A rule of ours that stopped the parse (depth, not UBL, DTD).
    private(set) var failure: UBLReadError?
    /// The first well-formedness error reported by the parser.
    private(set) var syntaxError: UBLReadError?

    init(builder: UBLDocumentBuilder) {
        self.builder = builder
    }

    private func stop(_ parser: XMLParser, _ error: UBLReadError) {
        guard failure == nil else { return }
        failure = error
        parser.abortParsing()
    }

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
        qualifiedName: String?, attributes: [String: String] = [:]
    ) {
        guard failure == nil else { return }
        do throws(UBLReadError) {
            let namespace = namespaceURI.flatMap { $0.isEmpty ? nil : $0 }
            try builder.start(name: elementName, namespace: namespace, attributes: attributes)
        } catch {
            stop(parser, error)
        }
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
        guard failure == nil else { return }
        builder.end()
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        builder.characters(string)
    }

    func parser(_ parser: XMLParser, foundCDATA CDATABlock: Data) {
        guard failure == nil else { return }
        builder.characters(String(decoding: CDATABlock, as: UTF8.self))
    }

    func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
        guard syntaxError == nil else { return }
        syntaxError = .malformedXML(
            line: parser.lineNumber, column: parser.columnNumber,
            message: XMLErrorText.describe(parseError)
        )
    }

    // The prolog check already refuses DTDs; these callbacks are a second
    // lock in case a declaration ever reaches the parser some other way.
    func parser(_ parser: XMLParser, foundInternalEntityDeclarationWithName name: String, value: String?) {
        stop(parser, .forbiddenDTD)
    }

    func parser(_ parser: XMLParser, foundExternalEntityDeclarationWithName name: String, publicID: String?, systemID: String?) {
        stop(parser, .forbiddenDTD)
    }

    /// Called for an entity reference the document never declared (say
    /// `&nbsp;`): a well-formedness error, and nothing is ever fetched.
    func parser(_ parser: XMLParser, resolveExternalEntityName name: String, systemID: String?) -> Data? {
        stop(parser, .malformedXML(
            line: parser.lineNumber, column: parser.columnNumber,
            message: "the entity &\(name); is not defined"
        ))
        return nil
    }
}
