import Foundation

/// Flattens Markdown (Linear descriptions and comments, ClickUp's `markdown_description`) to plain text:
/// heading markers (ATX and setext) and emphasis go, links read `text (url)` (reference links too,
/// their definitions go), autolinks their address, images `[image: alt]`, inline HTML tags go,
/// entities are decoded, code fences go but their code stays, list markers and quotes stay as they
/// read well in plain text.
public enum MarkdownText {
    /// The text of a Markdown document, without its markup.
    public static func plainText(_ markdown: String) -> String {
        plainText(
            lines: markdown.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasSuffix("\r") ? String(line.dropLast()) : String(line)
            }, quoteDepth: 0)
    }

    /// Block quotes nested deeper than this are read as text (hostile input only).
    static let maxQuoteDepth = 32

    static func plainText(lines source: [String], quoteDepth: Int) -> String {
        let (references, definitionLines) = linkReferences(source)
        var lines: [String] = []
        /// The lines of the paragraph being read: its inline markup may span them (`*a\nb*`).
        var paragraph: [String] = []
        func flushParagraph() {
            guard !paragraph.isEmpty else { return }
            lines += inline(paragraph.joined(separator: "\n"), references: references)
                .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            paragraph = []
        }
        func output(_ line: String) {
            flushParagraph()
            lines.append(line)
        }
        /// The open code fence's mark and length (a fence closes only with the same mark, as long).
        var fence: (mark: Character, length: Int)?
        var paragraphOpen = false
        /// An open raw HTML block: what ends it (`nil`: a blank line) and its lines so far.
        var htmlBlock: (end: String?, lines: [String])?
        func closeHTMLBlock() {
            guard let block = htmlBlock else { return }
            flushParagraph()
            let text = HTMLText.plainText(block.lines.joined(separator: "\n"))
            if !text.isEmpty { lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) }
            htmlBlock = nil
        }
        var consumedUntil = 0
        for (number, rawLine) in source.enumerated() {
            if number < consumedUntil { continue }
            var line = rawLine
            let trimmed = line.drop(while: { $0 == " " })
            // A block quote: its lines (and lazy continuation lines) without one `>`, read as Markdown
            // of their own, each line then quoted again.
            if fence == nil, htmlBlock == nil, trimmed.first == ">", line.count - trimmed.count <= 3,
                quoteDepth < maxQuoteDepth
            {
                var inner: [String] = []
                var end = number
                var lazyAllowed = false
                while end < source.count {
                    let candidate = source[end].drop(while: { $0 == " " })
                    if candidate.first == ">", source[end].count - candidate.count <= 3 {
                        var content = candidate.dropFirst()
                        if content.first == " " { content = content.dropFirst() }
                        inner.append(String(content))
                        let bare = content.trimmingCharacters(in: .whitespaces)
                        lazyAllowed = !bare.isEmpty && !bare.hasPrefix("```") && !bare.hasPrefix("~~~")
                    } else if lazyAllowed, !candidate.trimmingCharacters(in: .whitespaces).isEmpty,
                        !isThematicBreak(String(candidate)), !isListOrQuote(String(candidate)),
                        !candidate.hasPrefix("#"), !candidate.hasPrefix("```")
                    {
                        inner.append(String(candidate))
                    } else {
                        break
                    }
                    end += 1
                }
                consumedUntil = end
                paragraphOpen = false
                let text = plainText(lines: inner, quoteDepth: quoteDepth + 1)
                for quoted in text.split(separator: "\n", omittingEmptySubsequences: false) {
                    output(quoted.isEmpty ? "" : "> " + quoted)
                }
                continue
            }
            // Raw HTML blocks are HTML, not Markdown: their text is read by the HTML flattener.
            if var block = htmlBlock {
                if let end = block.end {
                    block.lines.append(line)
                    htmlBlock = block
                    if line.lowercased().contains(end) { closeHTMLBlock() }
                    continue
                }
                if line.trimmingCharacters(in: .whitespaces).isEmpty {
                    closeHTMLBlock()
                } else {
                    block.lines.append(line)
                    htmlBlock = block
                    continue
                }
            }
            if fence == nil, line.count - trimmed.count <= 3,
                let end = htmlBlockStart(String(trimmed), paragraphOpen: paragraphOpen)
            {
                htmlBlock = (end.isEmpty ? nil : end, [line])
                paragraphOpen = false
                if !end.isEmpty, line.lowercased().contains(end),
                    line.lowercased().range(of: end)?.lowerBound != line.lowercased().startIndex || end == ">"
                {
                    closeHTMLBlock()
                }
                continue
            }
            if let mark = trimmed.first, mark == "`" || mark == "~", line.count - trimmed.count <= 3 {
                let run = trimmed.prefix { $0 == mark }.count
                let info = trimmed.dropFirst(run)
                if let open = fence {
                    if open.mark == mark, run >= open.length, info.allSatisfy({ $0 == " " || $0 == "\t" }) {
                        fence = nil
                        continue
                    }
                } else if run >= 3, !(mark == "`" && info.contains("`")) {
                    fence = (mark, run)
                    paragraphOpen = false
                    flushParagraph()
                    continue
                }
            }
            if fence != nil {
                output(line)
                continue
            }
            if definitionLines.contains(number) {
                flushParagraph()
                continue
            }
            let bare = String(trimmed).trimmingTrailingWhitespace()
            // A setext underline below a paragraph line makes it a heading: the underline goes.
            if paragraphOpen, !bare.isEmpty, bare.allSatisfy({ $0 == "=" }) || bare.allSatisfy({ $0 == "-" }) {
                paragraphOpen = false
                flushParagraph()
                continue
            }
            paragraphOpen = !bare.isEmpty && !isListOrQuote(bare)
            var isHeading = false
            if trimmed.hasPrefix("#") {
                let text = trimmed.drop(while: { $0 == "#" })
                if text.isEmpty || text.first == " " {
                    isHeading = true
                    line = String(text.drop(while: { $0 == " " }))
                    while line.hasSuffix("#") { line.removeLast() }
                    line = line.trimmingTrailingWhitespace()
                }
            }
            if isThematicBreak(bare) {
                output("---")
                paragraphOpen = false
                continue
            }
            if !bare.isEmpty, !isHeading, !isListOrQuote(bare) {
                paragraph.append(line)
                continue
            }
            // Checklists: "- [ ] x" and "- [x] x" keep their boxes.
            output(inline(normalizedListMarker(line), references: references))
        }
        closeHTMLBlock()
        flushParagraph()
        return lines.joined(separator: "\n").trimmingTrailingWhitespace()
    }

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

    /// A list item's marker as the other flatteners write it: `*` and `+` bullets read `- `, `3)` and
    /// `003.` read `3. `; anything else is returned as it is.
    static func normalizedListMarker(_ line: String) -> String {
        let indent = line.prefix { $0 == " " }
        let rest = line.dropFirst(indent.count)
        if let first = rest.first, first == "*" || first == "+", rest.dropFirst().first == " " {
            return indent + "- " + rest.dropFirst(2)
        }
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, digits.count <= 9, let delimiter = rest.dropFirst(digits.count).first,
            delimiter == "." || delimiter == ")", rest.dropFirst(digits.count + 1).first == " ",
            let number = Int(digits)
        else { return line }
        return indent + "\(number). " + rest.dropFirst(digits.count + 2)
    }

    /// `---`, `***`, `___` and their spaced forms (`- - -`): three or more of one mark.
    static func isThematicBreak(_ line: String) -> Bool {
        let marks = line.filter { $0 != " " && $0 != "\t" }
        guard marks.count >= 3, let first = marks.first, "-*_".contains(first) else { return false }
        return marks.allSatisfy { $0 == first }
    }

    static func isListOrQuote(_ line: String) -> Bool {
        if line.hasPrefix(">") || line.hasPrefix("- ") || line.hasPrefix("* ") || line.hasPrefix("+ ") { return true }
        let digits = line.prefix { $0.isNumber }
        return !digits.isEmpty && digits.count <= 9
            && (line.dropFirst(digits.count).hasPrefix(". ") || line.dropFirst(digits.count).hasPrefix(") "))
    }

    /// The link reference definitions (`[label]: url "title"`) outside code fences: label (lower-cased)
    /// → url, and the lines that hold them.
    static func linkReferences(_ lines: [String]) -> ([String: String], Set<Int>) {
        var references: [String: String] = [:]
        var definitionLines = Set<Int>()
        var inFence = false
        for (number, line) in lines.enumerated() {
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
            guard !inFence, line.count - trimmed.count <= 3, trimmed.first == "[",
                let close = trimmed.firstIndex(of: "]"), trimmed[trimmed.index(after: close)...].first == ":"
            else { continue }
            let label = trimmed[trimmed.index(after: trimmed.startIndex)..<close].lowercased()
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            var rest = trimmed[trimmed.index(close, offsetBy: 2)...].drop(while: { $0 == " " || $0 == "\t" })
            var used = [number]
            // The destination may sit on the next line.
            if rest.isEmpty, number + 1 < lines.count {
                rest = lines[number + 1].drop(while: { $0 == " " || $0 == "\t" })[...]
                used.append(number + 1)
            }
            var url = String(rest.prefix { !$0.isWhitespace })
            guard !label.isEmpty, !url.isEmpty, !label.contains("[") else { continue }
            if url.hasPrefix("<"), url.hasSuffix(">") { url = String(url.dropFirst().dropLast()) }
            // A title alone on the following line belongs to the definition too.
            if rest.dropFirst(url.count).allSatisfy({ $0 == " " || $0 == "\t" }), let next = used.last.map({ $0 + 1 }),
                next < lines.count
            {
                let title = lines[next].trimmingCharacters(in: .whitespaces)
                if title.count >= 2, let quote = title.first, "\"'(".contains(quote),
                    title.last == (quote == "(" ? ")" : quote)
                {
                    used.append(next)
                }
            }
            if references[label] == nil { references[label] = url }
            definitionLines.formUnion(used)
        }
        return (references, definitionLines)
    }

    /// Labels nested deeper than this inside link labels are kept as written (hostile input only).
    static let maxLinkNesting = 16
    /// The longest link destination looked for after `](`.
    static let maxURLLength = 4096

    /// Inline Markdown: links, images, emphasis, code spans, escapes. Linear in the text's length:
    /// brackets are matched and backticks found in one pass each, never by rescanning.
    /// With `textOnly`, links and images give their text alone (an image's alt text).
    static func inline(
        _ text: String, nesting: Int = 0, references: [String: String] = [:], textOnly: Bool = false
    ) -> String {
        let chars = Array(text)
        let closing = matchingBrackets(chars)
        let spans = codeSpans(chars)
        var out: [Character] = []
        // Characters that are text whatever they look like: escapes, code, link text already read.
        var literal = Set<Int>()
        func emit(_ text: String) {
            let piece = Array(text)
            literal.formUnion(out.count..<(out.count + piece.count))
            out += piece
        }
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c == "\\", index + 1 < chars.count, chars[index + 1].isASCII,
                chars[index + 1].isPunctuation || chars[index + 1].isSymbol
            {
                emit(String(chars[index + 1]))
                index += 2
                continue
            }
            if c == "!" || c == "[",
                let (label, url, end) = link(chars, from: c == "!" ? index + 1 : index, closing: closing)
            {
                let shown =
                    nesting < maxLinkNesting
                    ? inline(label, nesting: nesting + 1, references: references, textOnly: textOnly) : label
                if c == "!" {
                    let alt = altText(label, references: references)
                    emit(textOnly ? alt : "[image: \(alt.isEmpty ? url : alt)]")
                } else if label == url || url.isEmpty || textOnly {
                    emit(shown)
                } else {
                    emit("\(shown) (\(url))")
                }
                index = end
                continue
            }
            if c == "!", index + 1 < chars.count, chars[index + 1] == "[",
                let (text, url, end) = reference(chars, at: index + 1, closing: closing, references: references)
            {
                // A reference image: ![alt][label], ![alt][] or ![alt].
                let alt = altText(text, references: references)
                emit(textOnly ? alt : "[image: \(alt.isEmpty ? url : alt)]")
                index = end
                continue
            }
            if c == "[", let (text, url, end) = reference(chars, at: index, closing: closing, references: references) {
                // A reference link: [text][label], [label][] or [label], when the label is defined.
                let shown =
                    nesting < maxLinkNesting
                    ? inline(text, nesting: nesting + 1, references: references, textOnly: textOnly) : text
                emit(shown == url || textOnly ? shown : "\(shown) (\(url))")
                index = end
                continue
            }
            if c == "&", let reference = CharacterReference.decode(after: chars[(index + 1)...]) {
                emit(reference.text)
                index += reference.length + 1
                continue
            }
            if c == "<", index + 3 < chars.count, chars[index + 1] == "!", chars[index + 2] == "-",
                chars[index + 3] == "-",
                let end = chars.firstIndex(ofText: "-->", from: index + 4, within: 65_536)
            {
                // An inline HTML comment, dashes and all.
                index = end + 3
                continue
            }
            if c == "\\", index + 1 == chars.count || chars[index + 1] == "\n" {
                // A backslash ending the line is a hard line break.
                index += 1
                continue
            }
            if c == "<", let close = chars[index...].prefix(1024).firstIndex(of: ">") {
                let inner = String(chars[(index + 1)..<close])
                if isAutolink(inner) {
                    emit(inner)
                    index = close + 1
                    continue
                }
                if isTag(inner) {
                    // A line break tag still breaks the line; other tags go, their text stays.
                    if inner.lowercased().hasPrefix("br") { emit("\n") }
                    index = close + 1
                    continue
                }
            }
            if c == "`" {
                // A code span closes with a backtick run of the same length; one space each side goes.
                var run = index
                while run < chars.count, chars[run] == "`" { run += 1 }
                if let span = spans[index] {
                    var code = String(chars[run..<span.closer]).replacingOccurrences(of: "\n", with: " ")
                    if code.count >= 2, code.hasPrefix(" "), code.hasSuffix(" "), code.contains(where: { $0 != " " }) {
                        code = String(code.dropFirst().dropLast())
                    }
                    emit(code)
                    index = span.closer + span.length
                    continue
                }
                emit(String(chars[index..<run]))
                index = run
                continue
            }
            out.append(c)
            index += 1
        }
        return String(resolveEmphasis(out, literal: literal))
    }

    /// A reference link's text, destination and end, for the `[` at `open`: `[text][label]`,
    /// `[label][]` or `[label]` whose label (case and whitespace aside) is defined.
    static func reference(_ chars: [Character], at open: Int, closing: [Int], references: [String: String]) -> (
        String, String, Int
    )? {
        guard closing[open] > open else { return nil }
        let close = closing[open]
        let text = String(chars[(open + 1)..<close])
        var label = text
        var end = close + 1
        if end < chars.count, chars[end] == "[", closing[end] > end {
            let inner = String(chars[(end + 1)..<closing[end]])
            if !inner.isEmpty { label = inner }
            end = closing[end] + 1
        }
        let key = label.lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
        return references[key].map { (text, $0, end) }
    }

    /// An image's alt text as a reader sees it: the label's plain text, links and images inside it
    /// reduced to their own text.
    static func altText(_ label: String, references: [String: String]) -> String {
        inline(label, nesting: maxLinkNesting - 1, references: references, textOnly: true)
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

    /// Removes the emphasis delimiters (`*`, `_`, `~` runs) that open and close as CommonMark pairs
    /// them (a run opens before a word and closes after one; `_` never inside a word), in one pass
    /// with a stack per mark; unpaired ones stay as text.
    static func resolveEmphasis(_ chars: [Character], literal: Set<Int>) -> [Character] {
        struct Run {
            let mark: Character
            var start: Int
            var count: Int
        }
        var remove = Set<Int>()
        var openers: [Run] = []
        var index = 0
        func isSpace(_ c: Character) -> Bool { c.isWhitespace }
        func isPunct(_ c: Character) -> Bool { c.isPunctuation || c.isSymbol }
        while index < chars.count {
            let c = chars[index]
            guard c == "*" || c == "_" || c == "~", !literal.contains(index) else {
                index += 1
                continue
            }
            var end = index
            while end < chars.count, chars[end] == c, !literal.contains(end) { end += 1 }
            let before: Character = index > 0 ? chars[index - 1] : " "
            let after: Character = end < chars.count ? chars[end] : " "
            let left = !isSpace(after) && (!isPunct(after) || isSpace(before) || isPunct(before))
            let right = !isSpace(before) && (!isPunct(before) || isSpace(after) || isPunct(after))
            let canOpen = c == "_" ? left && (!right || isPunct(before)) : left
            let canClose = c == "_" ? right && (!left || isPunct(after)) : right
            var count = end - index
            if canClose {
                while count > 0, let match = openers.lastIndex(where: { $0.mark == c }) {
                    var opener = openers[match]
                    let used = min(count, opener.count, 2)
                    for offset in 0..<used {
                        remove.insert(opener.start + opener.count - 1 - offset)
                        remove.insert(end - count + offset)
                    }
                    opener.count -= used
                    count -= used
                    openers.removeSubrange((match + 1)...)
                    if opener.count == 0 { openers.remove(at: match) } else { openers[match] = opener }
                }
            }
            if canOpen, count > 0 { openers.append(Run(mark: c, start: end - count, count: count)) }
            index = end
        }
        guard !remove.isEmpty else { return chars }
        return chars.indices.filter { !remove.contains($0) }.map { chars[$0] }
    }

    /// For each `[`, the index of its matching `]` (-1 when it has none), found in one pass.
    /// Brackets inside code spans, autolinks and HTML tags, and escaped ones, are text: they bind
    /// tighter than links, as CommonMark says.
    static func matchingBrackets(_ chars: [Character]) -> [Int] {
        var closing = [Int](repeating: -1, count: chars.count)
        var openings: [Int] = []
        let spans = codeSpans(chars)
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c == "\\" {
                index += 2
                continue
            }
            if c == "`" {
                var end = index
                while end < chars.count, chars[end] == "`" { end += 1 }
                index = spans[index].map { $0.closer + $0.length } ?? end
                continue
            }
            if c == "<", let close = chars[index...].prefix(1024).firstIndex(of: ">") {
                let inner = String(chars[(index + 1)..<close])
                if isAutolink(inner) || isTag(inner) {
                    index = close + 1
                    continue
                }
            }
            if c == "[" {
                openings.append(index)
            } else if c == "]", let start = openings.popLast() {
                closing[start] = index
            }
            index += 1
        }
        return closing
    }

    /// The code spans of a text: for each backtick run that opens one, where the closing run of the
    /// same length starts. One pass, runs paired by length with a cursor each, backslash pairs skipped
    /// outside spans: code spans bind tighter than anything else inline.
    static func codeSpans(_ chars: [Character]) -> [Int: (closer: Int, length: Int)] {
        var runs: [Int: [Int]] = [:]
        var position = 0
        while position < chars.count {
            guard chars[position] == "`" else {
                position += 1
                continue
            }
            var end = position
            while end < chars.count, chars[end] == "`" { end += 1 }
            runs[end - position, default: []].append(position)
            position = end
        }
        var spans: [Int: (closer: Int, length: Int)] = [:]
        var cursors: [Int: Int] = [:]
        var index = 0
        while index < chars.count {
            if chars[index] == "\\" {
                index += 2
                continue
            }
            guard chars[index] == "`" else {
                index += 1
                continue
            }
            var end = index
            while end < chars.count, chars[end] == "`" { end += 1 }
            let length = end - index
            let list = runs[length] ?? []
            var cursor = cursors[length] ?? 0
            while cursor < list.count, list[cursor] <= index { cursor += 1 }
            cursors[length] = cursor
            if cursor < list.count {
                spans[index] = (list[cursor], length)
                index = list[cursor] + length
            } else {
                index = end
            }
        }
        return spans
    }

    /// `[label](url)` starting at `start` (which holds `[`): the label, the url and the index after it.
    static func link(_ chars: [Character], from start: Int, closing: [Int]) -> (String, String, Int)? {
        guard start < chars.count, chars[start] == "[", closing[start] > start else { return nil }
        let close = closing[start]
        guard close + 1 < chars.count, chars[close + 1] == "(" else { return nil }
        var end = close + 2
        let limit = min(chars.count, end + maxURLLength)
        while end < limit, chars[end] == " " { end += 1 }
        var url = ""
        if end < limit, chars[end] == "<" {
            // <destination>: anything but a line break or an unescaped '>'.
            end += 1
            while end < limit, chars[end] != ">", chars[end] != "\n" {
                if chars[end] == "\\", end + 1 < limit, chars[end + 1].isPunctuation || chars[end + 1].isSymbol {
                    end += 1
                }
                url.append(chars[end])
                end += 1
            }
            guard end < limit, chars[end] == ">" else { return nil }
            end += 1
        } else {
            // A bare destination: no spaces, parentheses balanced, escapes honoured.
            var depth = 0
            while end < limit, !chars[end].isWhitespace {
                let c = chars[end]
                if c == "\\", end + 1 < limit, chars[end + 1].isPunctuation || chars[end + 1].isSymbol {
                    url.append(chars[end + 1])
                    end += 2
                    continue
                }
                if c == "(" { depth += 1 }
                if c == ")" {
                    if depth == 0 { break }
                    depth -= 1
                }
                url.append(c)
                end += 1
            }
            guard depth == 0 else { return nil }
        }
        // An optional title, then the closing parenthesis.
        while end < limit, chars[end].isWhitespace { end += 1 }
        if end < limit, chars[end] == "\"" || chars[end] == "'" || chars[end] == "(" {
            let closer: Character = chars[end] == "(" ? ")" : chars[end]
            end += 1
            while end < limit, chars[end] != closer {
                if chars[end] == "\\" { end += 1 }
                end += 1
            }
            guard end < limit else { return nil }
            end += 1
            while end < limit, chars[end].isWhitespace { end += 1 }
        }
        guard end < limit, chars[end] == ")" else { return nil }
        let label = String(chars[(start + 1)..<close])
        if url.hasPrefix("#") { url = "" }
        url = CharacterReference.decodeAll(url.removingPercentEncoding ?? url)
        return (label, url, end + 1)
    }
}
