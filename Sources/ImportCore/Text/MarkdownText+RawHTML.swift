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
        let chars = Array(line)
        guard !paragraphOpen, let first = name.first, first.isLetter, let end = htmlTagEnd(chars, at: 0),
            chars[end...].allSatisfy({ $0 == " " || $0 == "\t" })
        else { return nil }
        return ""
    }

    /// `https://…` or `someone@example.com` inside `<…>`, as CommonMark defines them: a scheme of 2–32
    /// characters and no spaces or `<`; or an address whose domain labels are letters, digits and inner
    /// hyphens (a backslash makes it neither).
    static func isAutolink(_ inner: String) -> Bool {
        guard !inner.isEmpty, !inner.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" }) else {
            return false
        }
        if let colon = inner.firstIndex(of: ":") {
            let scheme = inner[..<colon]
            return (2...32).contains(scheme.count) && scheme.first.map(isASCIILetter) == true
                && scheme.allSatisfy { isASCIILetter($0) || $0.isASCII && $0.isNumber || "+.-".contains($0) }
        }
        let parts = inner.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty,
            parts[0].allSatisfy({ isASCIIAlphanumeric($0) || ".!#$%&'*+/=?^_`{|}~-".contains($0) })
        else { return false }
        return parts[1].split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            (1...63).contains(label.count) && label.first.map(isASCIIAlphanumeric) == true
                && label.last.map(isASCIIAlphanumeric) == true
                && label.allSatisfy { isASCIIAlphanumeric($0) || $0 == "-" }
        }
    }

    /// The longest tag looked for after a `<` (hostile text never makes the flattener rescan it all);
    /// comments, processing instructions and CDATA sections are looked for as far as the HTML
    /// flattener looks (`HTMLText.maxCommentLength`).
    static let maxTagLength = 4096

    /// Where the autolink that starts at `start` (a `<`) ends: the index after its `>`.
    static func autolinkEnd(_ chars: [Character], at start: Int) -> Int? {
        guard chars[start] == "<" else { return nil }
        var index = start + 1
        let limit = min(chars.count, start + maxTagLength)
        while index < limit, chars[index] != ">", chars[index] != "<", !chars[index].isWhitespace { index += 1 }
        guard index < limit, chars[index] == ">", isAutolink(String(chars[(start + 1)..<index])) else { return nil }
        return index + 1
    }

    /// Where the raw HTML that starts at `start` (a `<`) ends, as CommonMark defines it: the index
    /// after an open or closing tag with well-formed attributes, a comment, a processing instruction,
    /// a declaration or a CDATA section. `nil` when none starts there: the `<` is text.
    static func htmlTagEnd(_ chars: [Character], at start: Int) -> Int? {
        let limit = min(chars.count, start + maxTagLength)
        guard start + 1 < limit, chars[start] == "<" else { return nil }
        let far = min(chars.count, start + HTMLText.maxCommentLength)
        func after(_ text: String, from position: Int, within end: Int = limit) -> Int? {
            chars.firstIndex(ofText: text, from: position, within: end - position).map { $0 + text.count }
        }
        func starts(_ text: String) -> Bool { chars.hasText(text, at: start) }
        if starts("<!-->") { return start + 5 }
        if starts("<!--->") { return start + 6 }
        if starts("<!--") { return after("-->", from: start + 4, within: far) }
        if starts("<![CDATA[") { return after("]]>", from: start + 9, within: far) }
        if starts("<?") { return after("?>", from: start + 2, within: far) }
        if starts("<!") { return isASCIILetter(chars[start + 2]) ? after(">", from: start + 2) : nil }
        var index = start + 1
        let closing = chars[index] == "/"
        if closing { index += 1 }
        guard index < limit, isASCIILetter(chars[index]) else { return nil }
        while index < limit, isASCIIAlphanumeric(chars[index]) || chars[index] == "-" { index += 1 }
        func skipWhitespace() -> Bool {
            let before = index
            while index < limit, isMarkdownWhitespace(chars[index]) { index += 1 }
            return index > before
        }
        if closing {
            _ = skipWhitespace()
            return index < limit && chars[index] == ">" ? index + 1 : nil
        }
        while true {
            let spaced = skipWhitespace()
            guard index < limit else { return nil }
            if chars[index] == ">" { return index + 1 }
            if chars[index] == "/" { return index + 1 < limit && chars[index + 1] == ">" ? index + 2 : nil }
            // An attribute: a name after whitespace, then perhaps `=` and a value.
            guard spaced, isASCIILetter(chars[index]) || chars[index] == "_" || chars[index] == ":" else { return nil }
            while index < limit, isASCIIAlphanumeric(chars[index]) || "_.:-".contains(chars[index]) { index += 1 }
            let afterName = index
            _ = skipWhitespace()
            guard index < limit, chars[index] == "=" else {
                index = afterName
                continue
            }
            index += 1
            _ = skipWhitespace()
            guard index < limit else { return nil }
            if chars[index] == "\"" || chars[index] == "'" {
                guard let end = after(String(chars[index]), from: index + 1) else { return nil }
                index = end
            } else {
                let valueStart = index
                while index < limit, !" \t\n\r\"'=<>`".contains(chars[index]) { index += 1 }
                guard index > valueStart else { return nil }
            }
        }
    }

    static func isASCIILetter(_ c: Character) -> Bool { c.isASCII && c.isLetter }

    static func isASCIIAlphanumeric(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber) }
}
