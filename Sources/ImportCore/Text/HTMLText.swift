/// Flattens HTML (Asana's `html_notes`, rendered fields) to plain text: block tags become line
/// breaks, list items `- ` (in `<ol>`: `1. `, from its `start`), block quotes `> `, links
/// `text (url)`, entities are decoded, everything else is dropped: the same conventions as the
/// Markdown and ADF flatteners, so one text reads alike from any source.
public enum HTMLText {
    /// The text of an HTML fragment, tags removed and entities decoded.
    public static func plainText(_ html: String) -> String {
        var out = ""
        var chars = Array(html)[...]
        var linkHref: [String?] = []
        var linkText: [String] = []
        var skipDepth = 0
        var quoteDepth = 0
        /// Per open list: the next number (`nil` for a bullet list).
        var lists: [Int?] = []
        func newLine() {
            if !out.isEmpty, !out.hasSuffix("\n") { out += "\n" }
        }
        func quotePrefix() {
            if quoteDepth > 0, out.isEmpty || out.hasSuffix("\n") { out += String(repeating: "> ", count: quoteDepth) }
        }
        while let c = chars.first {
            if c == "<" {
                guard let close = chars.firstIndex(of: ">") else {
                    append("<", to: &out, &linkText)
                    chars = chars.dropFirst()
                    continue
                }
                let tag = String(chars[(chars.startIndex + 1)..<close])
                chars = chars[(close + 1)...]
                let isClosing = tag.hasPrefix("/")
                let name = tag.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber }).lowercased()
                if name == "script" || name == "style" {
                    skipDepth += isClosing ? -1 : 1
                    skipDepth = max(skipDepth, 0)
                    continue
                }
                if skipDepth > 0 { continue }
                switch name {
                case "br": append("\n", to: &out, &linkText)
                case "blockquote":
                    newLine()
                    quoteDepth = max(0, quoteDepth + (isClosing ? -1 : 1))
                case "ul", "ol":
                    newLine()
                    if isClosing {
                        _ = lists.popLast()
                    } else if lists.count < 100 {
                        lists.append(
                            name == "ol" ? Int(attribute("start", in: tag) ?? "1").map { max(0, $0) } ?? 1 : nil)
                    }
                case "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table":
                    newLine()
                case "tr":
                    if isClosing, !out.hasSuffix("\n") { out += "\n" }
                case "td", "th":
                    if !isClosing, !out.hasSuffix("\n"), !out.isEmpty, !out.hasSuffix(" | ") { out += " | " }
                case "li":
                    if !isClosing {
                        newLine()
                        quotePrefix()
                        out += String(repeating: "  ", count: max(0, lists.count - 1))
                        if let next = lists.last ?? nil {
                            out += "\(next). "
                            lists[lists.count - 1] = next + 1
                        } else {
                            out += "- "
                        }
                    }
                case "hr": out += (out.hasSuffix("\n") || out.isEmpty ? "" : "\n") + "---\n"
                case "a" where !isClosing && tag.hasSuffix("/"):
                    // A self-closing link holds no text: an Asana mention written `<a data-asana-gid="…"/>`.
                    if let gid = attribute("data-asana-gid", in: tag) {
                        let type = attribute("data-asana-type", in: tag) ?? "object"
                        append(
                            type == "user" ? "@\(gid)" : "[\(type) \(gid)]", to: &out, &linkText, quoteDepth: quoteDepth
                        )
                    }
                case "a":
                    if isClosing {
                        let text = linkText.popLast() ?? ""
                        let href = linkHref.popLast() ?? nil
                        if let href, !href.isEmpty, href != text, !href.hasPrefix("#") {
                            append(text + " (\(href))", to: &out, &linkText)
                        } else {
                            append(text, to: &out, &linkText)
                        }
                    } else {
                        // Shown to a reader: %20 reads as a space. Asana's mentions and object links
                        // (`data-asana-type`) read as their text alone, as Asana shows them.
                        let isAsanaObject = attribute("data-asana-type", in: tag) != nil
                        linkHref.append(
                            isAsanaObject
                                ? nil
                                : attribute("href", in: tag).map { href in
                                    var shown = decodeEntities(href.removingPercentEncoding ?? href)
                                    if shown.lowercased().hasPrefix("mailto:") { shown.removeFirst(7) }
                                    return shown
                                })
                        linkText.append("")
                    }
                case "img":
                    let alt =
                        attribute("alt", in: tag).flatMap { $0.isEmpty ? nil : $0 } ?? attribute("src", in: tag) ?? ""
                    append("[image: \(alt)]", to: &out, &linkText)
                default: break
                }
                continue
            }
            if skipDepth > 0 {
                chars = chars.dropFirst()
                continue
            }
            if c == "&", let semicolon = chars.prefix(12).firstIndex(of: ";") {
                let entity = String(chars[(chars.startIndex + 1)..<semicolon])
                if let decoded = decode(entity) {
                    append(decoded, to: &out, &linkText, quoteDepth: quoteDepth)
                    chars = chars[(semicolon + 1)...]
                    continue
                }
            }
            append(String(c), to: &out, &linkText, quoteDepth: quoteDepth)
            chars = chars.dropFirst()
        }
        while let text = linkText.popLast() { out += text }
        // Collapse runs of blank lines and trailing spaces.
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map {
            String($0).trimmingTrailingWhitespace()
        }
        var result: [String] = []
        for line in lines where !(line.isEmpty && (result.last?.isEmpty ?? true)) { result.append(line) }
        return result.joined(separator: "\n").trimmingTrailingWhitespace()
    }

    private static func append(
        _ text: String, to out: inout String, _ linkText: inout [String], quoteDepth: Int = 0
    ) {
        if linkText.isEmpty {
            if quoteDepth > 0, out.isEmpty || out.hasSuffix("\n"), !text.isEmpty, text != "\n" {
                out += String(repeating: "> ", count: quoteDepth)
            }
            out += text
        } else {
            linkText[linkText.count - 1] += text
        }
    }

    static func attribute(_ name: String, in tag: String) -> String? {
        let lower = tag.lowercased()
        guard let range = lower.range(of: name + "=") else { return nil }
        var rest = tag[range.upperBound...]
        guard let quote = rest.first else { return nil }
        if quote == "\"" || quote == "'" {
            rest = rest.dropFirst()
            return String(rest.prefix(while: { $0 != quote }))
        }
        return String(rest.prefix(while: { !$0.isWhitespace && $0 != ">" }))
    }

    /// `text` with its character references decoded (attribute values: `?a=1&amp;b=2`).
    static func decodeEntities(_ text: String) -> String {
        guard text.contains("&") else { return text }
        var out = ""
        var rest = text[...]
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            if let semicolon = after.prefix(33).firstIndex(of: ";"), let decoded = decode(String(after[..<semicolon])) {
                out += decoded
                rest = after[after.index(after: semicolon)...]
            } else {
                out += "&"
                rest = after
            }
        }
        return out + rest
    }

    static func decode(_ entity: String) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos", "#39": return "'"
        case "nbsp": return " "
        case "mdash": return "—"
        case "ndash": return "–"
        case "hellip": return "…"
        case "copy": return "©"
        case "reg": return "®"
        case "trade": return "™"
        case "laquo": return "«"
        case "raquo": return "»"
        case "ouml": return "ö"
        case "auml": return "ä"
        case "uuml": return "ü"
        case "eacute": return "é"
        default: break
        }
        // Numeric references; NUL and what is no Unicode scalar read as U+FFFD, as HTML says.
        var code: UInt32?
        if entity.hasPrefix("#x") || entity.hasPrefix("#X") {
            code = entity.count <= 8 ? UInt32(entity.dropFirst(2), radix: 16) : 0x110000
        } else if entity.hasPrefix("#") {
            code = entity.count <= 9 ? UInt32(entity.dropFirst()) : 0x110000
        }
        guard let code else { return nil }
        guard code != 0, let scalar = Unicode.Scalar(code) else { return "\u{FFFD}" }
        return String(Character(scalar))
    }
}
