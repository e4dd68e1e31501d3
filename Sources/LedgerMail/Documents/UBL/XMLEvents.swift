import CLibXML2
import Foundation

/// libxml2's SAX2 parser over a document in memory, turned into the three events the UBL
/// builder needs. The one owner of libxml2: no pointer leaves this file.
///
/// Safety: no DTD is loaded, no entity substituted (no XML_PARSE_NOENT / DTDLOAD / DTDATTR), no
/// network, and no callback that could declare or resolve an entity; a DOCTYPE or an entity
/// declaration that reaches the parser stops it (`PrologGuard` already refused them).
/// XML_PARSE_HUGE lifts libxml2's 10 MB text limit, which an embedded PDF passes; the caller's
/// size and depth limits bound the document instead. SAX rather than xmlTextReader: the reader
/// feeds libxml2 in 512-byte pushes, and each push scans a long text node again from its start.
enum XMLEvents {
    enum Event {
        case start(name: String, namespace: String?, attributes: [String: String])
        case end
        case text(String)
    }

    typealias Handler = (Event) throws(UBLReadError) -> Void

    private static let initialised: Bool = { xmlInitParser(); return true }()
    private static let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_HUGE.rawValue)

    /// Reads `data` to its end, calling `body` for each event; the first error (the document's, or
    /// one `body` throws) stops the parse and is thrown.
    static func read(_ data: Data, _ body: Handler) throws(UBLReadError) {
        _ = initialised
        guard !data.isEmpty, data.count <= Int(Int32.max) else { throw .empty }
        let outcome: UBLReadError? = withoutActuallyEscaping(body) { body in
            let context = Context(body: body)
            return data.withUnsafeBytes { bytes -> UBLReadError? in
                guard let parser = xmlCreateMemoryParserCtxt(bytes.baseAddress!.assumingMemoryBound(to: CChar.self), Int32(bytes.count)) else {
                    return .malformedXML(line: 0, column: 0, message: "the XML parser could not start")
                }
                defer { xmlFreeParserCtxt(parser) }
                xmlCtxtUseOptions(parser, options)
                var handler = saxHandler()
                let original = parser.pointee.sax
                context.parser = parser
                return withUnsafeMutablePointer(to: &handler) { handler in
                    parser.pointee.sax = handler
                    parser.pointee.userData = Unmanaged.passUnretained(context).toOpaque()
                    let status = xmlParseDocument(parser)
                    parser.pointee.sax = original
                    if let failure = context.failure { return failure }
                    guard status == 0, parser.pointee.wellFormed == 1 else {
                        return .malformedXML(line: Int(xmlSAX2GetLineNumber(parser)), column: Int(xmlSAX2GetColumnNumber(parser)),
                                             message: "the XML parser stopped")
                    }
                    return nil
                }
            }
        }
        if let outcome { throw outcome }
    }

    /// What the callbacks share: the caller's handler, text not handed over yet, and the first
    /// problem, which stops the parse.
    private final class Context {
        let body: Handler
        var failure: UBLReadError?
        var parser: xmlParserCtxtPtr?
        /// libxml2 hands text over in pieces of about 300 bytes; they are gathered here and become
        /// one String at the next tag, instead of one String (and one append) per piece.
        var text: [UInt8] = []
        init(body: @escaping Handler) { self.body = body }

        func send(_ event: Event) {
            guard failure == nil else { return }
            do throws(UBLReadError) {
                if !text.isEmpty {
                    let gathered = String(decoding: text, as: UTF8.self)
                    text.removeAll(keepingCapacity: true)
                    try body(.text(gathered))
                }
                try body(event)
            } catch {
                stop(error)
            }
        }

        func stop(_ error: UBLReadError) {
            guard failure == nil else { return }
            failure = error
            if let parser { xmlStopParser(parser) }
        }
    }

    private static func shared(_ pointer: UnsafeMutableRawPointer?) -> Context? {
        pointer.map { Unmanaged<Context>.fromOpaque($0).takeUnretainedValue() }
    }

    private static func string(_ text: UnsafePointer<xmlChar>?) -> String? {
        text.map { String(cString: $0) }
    }

    private static func saxHandler() -> xmlSAXHandler {
        var handler = xmlSAXHandler()
        handler.initialized = XML_SAX2_MAGIC
        handler.startElementNs = { pointer, localName, _, uri, _, _, attributeCount, _, attributes in
            guard let shared = XMLEvents.shared(pointer) else { return }
            var values: [String: String] = [:]
            if let attributes {
                // Five pointers per attribute: local name, prefix, URI, value start, value end.
                for index in 0..<Int(attributeCount) {
                    let base = index * 5
                    guard let name = XMLEvents.string(attributes[base]), let start = attributes[base + 3], let end = attributes[base + 4] else { continue }
                    let key = XMLEvents.string(attributes[base + 1]).map { "\($0):\(name)" } ?? name
                    values[key] = String(decoding: UnsafeBufferPointer(start: start, count: end - start), as: UTF8.self)
                }
            }
            shared.send(.start(name: XMLEvents.string(localName) ?? "", namespace: XMLEvents.string(uri).flatMap { $0.isEmpty ? nil : $0 }, attributes: values))
        }
        handler.endElementNs = { pointer, _, _, _ in XMLEvents.shared(pointer)?.send(.end) }
        let characters: charactersSAXFunc = { pointer, text, length in
            guard let shared = XMLEvents.shared(pointer), shared.failure == nil, let text else { return }
            shared.text.append(contentsOf: UnsafeBufferPointer(start: text, count: Int(length)))
        }
        handler.characters = characters
        handler.ignorableWhitespace = characters
        handler.cdataBlock = characters
        // A second lock: PrologGuard refuses these before the parser runs.
        handler.internalSubset = { pointer, _, _, _ in XMLEvents.shared(pointer)?.stop(.forbiddenDTD) }
        handler.entityDecl = { pointer, _, _, _, _, _ in XMLEvents.shared(pointer)?.stop(.forbiddenDTD) }
        handler.serror = { pointer, error in
            guard let shared = XMLEvents.shared(pointer), let error, error.pointee.level.rawValue >= XML_ERR_ERROR.rawValue else { return }
            shared.stop(.malformedXML(line: Int(error.pointee.line), column: Int(error.pointee.int2),
                                       message: XMLErrorText.describe(code: Int(error.pointee.code))))
        }
        return handler
    }
}
