/// A Content-Type value read once per part: the media type and the parameters, in order.
/// ASCII values (nearly all) are read on bytes; others by `Character`s, as the first version did.
struct ContentType {
    /// Lowercased, `text/plain` when the header is absent.
    let mediaType: String
    /// Keys lowercased, values unquoted, in order (the first of a repeated key wins).
    let parameters: [(key: String, value: String)]

    init(_ value: String?) {
        guard let value else { mediaType = "text/plain"; parameters = []; return }
        if ASCIIBytes.isASCII(value.utf8) { (mediaType, parameters) = Self.parseASCII(Array(value.utf8)); return }
        mediaType = ASCIIBytes.trimmingWhitespace(value.split(separator: ";").first.map(String.init) ?? value).lowercased()
        parameters = Self.splitParameters(value).dropFirst().compactMap { piece in
            guard let equals = piece.firstIndex(of: "=") else { return nil }
            let key = ASCIIBytes.trimmingWhitespace(piece[..<equals]).lowercased()
            var raw = ASCIIBytes.trimmingWhitespace(piece[piece.index(after: equals)...])
            if raw.hasPrefix("\""), raw.hasSuffix("\""), raw.count >= 2 { raw = String(raw.dropFirst().dropLast()) }
            return (key, raw)
        }
    }

    func parameter(_ name: String) -> String? {
        let key = name.lowercased()
        return parameters.first { $0.key == key }?.value
    }

    private static func parseASCII(_ bytes: [UInt8]) -> (String, [(key: String, value: String)]) {
        func text(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice, as: UTF8.self) }
        func lowered(_ slice: ArraySlice<UInt8>) -> String { String(decoding: slice.map(ASCIIBytes.lowercased), as: UTF8.self) }
        // The media type is the first non-empty piece between semicolons, quotes or not.
        let firstPiece = bytes.split(separator: UInt8(ascii: ";")).first ?? bytes[...]
        let mediaType = lowered(ASCIIBytes.trimmingASCIIWhitespace(firstPiece))
        var parameters: [(key: String, value: String)] = []
        var pieceStart = 0
        var quoted = false
        var isFirst = true
        for index in 0...bytes.count {
            if index < bytes.count {
                if bytes[index] == UInt8(ascii: "\"") { quoted.toggle() }
                guard bytes[index] == UInt8(ascii: ";") && !quoted else { continue }
            }
            let piece = bytes[pieceStart..<index]
            pieceStart = index + 1
            if isFirst { isFirst = false; continue }
            guard let equals = piece.firstIndex(of: UInt8(ascii: "=")) else { continue }
            var raw = ASCIIBytes.trimmingASCIIWhitespace(piece[(equals + 1)...])
            if raw.count >= 2, raw.first == UInt8(ascii: "\""), raw.last == UInt8(ascii: "\"") { raw = raw.dropFirst().dropLast() }
            parameters.append((lowered(ASCIIBytes.trimmingASCIIWhitespace(piece[..<equals])), text(raw)))
        }
        return (mediaType, parameters)
    }

    /// Semicolon-separated pieces, semicolons inside quotes kept.
    private static func splitParameters(_ value: String) -> [String] {
        var pieces: [String] = []
        var current = ""
        var quoted = false
        for character in value {
            if character == "\"" { quoted.toggle() }
            if character == ";" && !quoted { pieces.append(current); current = "" } else { current.append(character) }
        }
        pieces.append(current)
        return pieces
    }
}
