// Raw HTML inside Markdown: HTML blocks, inline tags and autolinks.
extension MarkdownText {
    /// The block-level tag names that start a raw HTML block (CommonMark's kind 6).
    static let htmlBlockTags: Set<String> = [
        "address", "article", "aside", "base", "basefont", "blockquote", "body", "caption", "center", "col",
        "colgroup", "dd", "details", "dialog", "dir", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer",
        "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hr", "html", "iframe",
        "legend", "li", "link", "main", "menu", "menuitem", "nav", "noframes", "ol", "optgroup", "option", "p", "param",
        "search", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "track", "ul",
    ]

    /// Whether `line` starts a raw HTML block, and what ends it: a text that closes it on some line
    /// (`</script>`, `-->`…), or "" for a blank line. Kind 7 (any lone tag) never interrupts a paragraph.
    static func htmlBlockStart(_ line: String, paragraphOpen: Bool) -> String? {
        guard line.hasPrefix("<") else { return nil }
        let lower = line.lowercased()
        for tag in ["script", "pre", "style", "textarea"] where lower.hasPrefix("<" + tag) {
            let next = lower.dropFirst(tag.count + 1).first
            if next == nil || next == " " || next == ">" || next == "\t" { return "</\(tag)>" }
        }
        if lower.hasPrefix("<!--") { return "-->" }
        if lower.hasPrefix("<?") { return "?>" }
        if lower.hasPrefix("<![cdata[") { return "]]>" }
        if lower.hasPrefix("<!"), lower.dropFirst(2).first?.isLetter == true { return ">" }
        let afterSlash = lower.hasPrefix("</") ? lower.dropFirst(2) : lower.dropFirst()
        let name = afterSlash.prefix { $0.isLetter || $0.isNumber || $0 == "-" }
        let rest = afterSlash.dropFirst(name.count)
        if htmlBlockTags.contains(String(name)),
            rest.isEmpty || rest.first == " " || rest.first == "\t" || rest.hasPrefix(">") || rest.hasPrefix("/>")
        {
            return ""
        }
        // Kind 7: a complete open or closing tag alone on its line.
        guard !paragraphOpen, let first = name.first, first.isLetter, let close = lower.firstIndex(of: ">"),
            lower[lower.index(after: close)...].allSatisfy({ $0 == " " || $0 == "\t" }),
            isTag(String(line[line.index(after: line.startIndex)..<close]))
        else { return nil }
        return ""
    }

    /// `https://…` or `someone@example.com` inside `<…>`.
    static func isAutolink(_ inner: String) -> Bool {
        guard !inner.isEmpty, !inner.contains(where: { $0.isWhitespace || $0 == "<" }) else { return false }
        if let colon = inner.firstIndex(of: ":") {
            let scheme = inner[..<colon]
            return (2...32).contains(scheme.count) && scheme.first?.isLetter == true
                && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+.-".contains($0) }
        }
        let parts = inner.split(separator: "@")
        return parts.count == 2 && parts[1].contains(".")
    }

    /// An HTML tag (`<b>`, `</div>`, `<br/>`, `<a href="…">`, `<!-- … -->`) inside `<…>`.
    static func isTag(_ inner: String) -> Bool {
        guard let first = inner.first, !inner.contains("\n") else { return false }
        if inner.hasPrefix("!--") || inner.hasPrefix("?") || inner.hasPrefix("!") { return true }
        let name = (first == "/" ? inner.dropFirst() : Substring(inner)).prefix {
            $0.isLetter || $0.isNumber || $0 == "-"
        }
        guard let initial = name.first, initial.isLetter else { return false }
        let rest = (first == "/" ? inner.dropFirst() : Substring(inner)).dropFirst(name.count)
        return rest.isEmpty || rest.first == " " || rest.first == "/" || rest.first == "\t"
    }
}
