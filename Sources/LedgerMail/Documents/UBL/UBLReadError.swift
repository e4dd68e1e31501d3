/// Why a document could not be read. `description` is shown to users.
enum UBLReadError: Error, Equatable, CustomStringConvertible {
    case empty
    case tooLarge(bytes: Int, limit: Int)
    /// A DOCTYPE or ENTITY declaration. UBL never has one; refusing it
    /// outright rules out XXE and entity-expansion attacks.
    case forbiddenDTD
    /// An encoding the prolog check cannot see through (UTF-32, EBCDIC,
    /// UTF-7...), which could hide a DOCTYPE from it.
    case unsupportedEncoding(String)
    /// Not well-formed XML; a truncated file lands here.
    case malformedXML(line: Int, column: Int, message: String)
    case notUBL(rootElement: String, namespace: String?)
    case missingField(String)
    case tooDeep(limit: Int)

    public var description: String {
        switch self {
        case .empty:
            "The invoice file is empty."
        case let .tooLarge(bytes, limit):
            "The invoice file is too large (\(bytes) bytes; the limit is \(limit) bytes)."
        case .forbiddenDTD:
            "The invoice file contains a DOCTYPE or ENTITY declaration, which UBL never uses; it was refused for safety."
        case let .unsupportedEncoding(name):
            "The invoice file uses an unsupported character encoding (\(name)); use UTF-8."
        case let .malformedXML(line, column, message):
            "The invoice file is not valid XML (line \(line), column \(column)): \(message). It may be truncated."
        case let .notUBL(root, namespace):
            "The file is not a UBL invoice or credit note (its root element is <\(root)> in namespace \(namespace ?? "none"))."
        case let .missingField(field):
            "The invoice has no \(field), which every UBL invoice must have."
        case let .tooDeep(limit):
            "The invoice file nests elements more than \(limit) levels deep; it was refused as a likely attack."
        }
    }
}
