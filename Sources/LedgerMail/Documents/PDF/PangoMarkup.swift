/// Text placed inside pango markup. Party names and descriptions come from
/// the sender ("Smith & Sons", "<b>ad</b>"): unescaped, they would break the
/// markup (pango then draws nothing) or inject formatting.
enum PangoMarkup {
    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            case "\n", "\t": result.unicodeScalars.append(scalar)
            // GMarkup refuses the other C0 controls (XML forbids them) and
            // would reject the whole text; a space keeps the rest visible.
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += " "
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func bold(_ text: String) -> String {
        "<b>\(escape(text))</b>"
    }
}
