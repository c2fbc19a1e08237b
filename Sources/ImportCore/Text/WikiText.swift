/// Flattens Jira's wiki markup (Data Center's descriptions and comments, the text formatting
/// notation) to readable plain text: headings lose `h1.`, effects (`*bold*`, `_italic_`, `-deleted-`,
/// `+inserted+`, `^sup^`, `~sub~`, `{{monospace}}`, `{color}`) lose their marks, lists read `- item`
/// and `1. item` indented by level, tables `a | b`, quotes `> `, links `text (url)`, mentions
/// `@user`, attachments and images `[attachment: name]`, `{code}` and `{noformat}` keep their
/// content verbatim. Linear in the text's length.
public enum WikiText {
    /// The text of a wiki-markup document, without its markup.
    public static func plainText(_ wiki: String) -> String {
        var output: [String] = []
        var verbatimEnd: String?
        var quoting = false
        var counters: [Int] = []
        /// The markers of the item that set each level's counter (`#`, `*#`): another parent restarts it.
        var counterMarkers: [String] = []
        for rawLine in wiki.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = Substring(rawLine)
            if line.hasSuffix("\r") { line = line.dropLast() }
            // Inside {code} or {noformat}: verbatim up to the closing tag.
            if let end = verbatimEnd {
                if let close = line.range(of: end) {
                    let before = line[..<close.lowerBound]
                    if !before.isEmpty { output.append(String(before)) }
                    verbatimEnd = nil
                    line = line[close.upperBound...]
                    if line.isEmpty { continue }
                } else {
                    output.append(String(line))
                    continue
                }
            }
            if let (before, tag, after) = openingVerbatim(line) {
                if !before.trimmingCharacters(in: .whitespaces).isEmpty { output.append(inline(String(before))) }
                if let close = after.range(of: "{\(tag)}") {
                    output.append(String(after[..<close.lowerBound]))
                    let rest = after[close.upperBound...]
                    if !rest.isEmpty { output.append(inline(String(rest))) }
                } else {
                    verbatimEnd = "{\(tag)}"
                    if !after.isEmpty { output.append(String(after)) }
                }
                continue
            }
            var text = line.trimmingCharacters(in: .whitespaces)
            if text.contains("{quote}") {
                // Each {quote} opens or closes a quote; the text between keeps the state it is in.
                for (offset, segment) in text.components(separatedBy: "{quote}").enumerated() {
                    if offset > 0 { quoting.toggle() }
                    let inner = segment.trimmingCharacters(in: .whitespaces)
                    if !inner.isEmpty { output.append((quoting ? "> " : "") + inline(inner)) }
                }
                continue
            }
            if text.hasPrefix("{panel") || text == "{panel}" {
                if let title = panelTitle(text) { output.append(title) }
                continue
            }
            var block = ""
            if headingLevel(text) != nil {
                block = inline(String(text.dropFirst(3)).trimmingCharacters(in: .whitespaces))
                counters = []
            } else if text.hasPrefix("bq. ") {
                block = "> " + inline(String(text.dropFirst(4)))
                counters = []
            } else if text.count >= 4, text.allSatisfy({ $0 == "-" }) {
                block = "---"
                counters = []
            } else if let (markers, rest) = listItem(text) {
                let depth = markers.count
                if counters.count > depth {
                    counters.removeLast(counters.count - depth)
                    counterMarkers.removeLast(counterMarkers.count - depth)
                }
                while counters.count < depth {
                    counters.append(0)
                    counterMarkers.append("")
                }
                if counterMarkers[depth - 1] != markers { counters[depth - 1] = 0 }
                counterMarkers[depth - 1] = markers
                let numbered = markers.last == "#"
                counters[depth - 1] = numbered ? counters[depth - 1] + 1 : 0
                let pad = String(repeating: "  ", count: depth - 1)
                block = pad + (numbered ? "\(counters[depth - 1]). " : "- ") + inline(rest)
            } else if text.hasPrefix("|") {
                block = tableRow(text)
                counters = []
            } else {
                if !text.isEmpty { counters = [] }
                text = inline(text)
                block = text
            }
            output.append(quoting ? "> " + block : block)
        }
        return output.joined(separator: "\n").trimmingTrailingWhitespace()
    }

    /// `h1.` … `h6.` at the start of a line.
    static func headingLevel(_ text: String) -> Int? {
        let chars = Array(text.prefix(4))
        guard chars.count >= 3, chars[0] == "h", let level = chars[1].wholeNumberValue, (1...6).contains(level),
            chars[2] == ".", chars.count == 3 || chars[3] == " "
        else { return nil }
        return level
    }

    /// `* item`, `## item`, `*# item`, `- item`: the markers and the item's text.
    static func listItem(_ text: String) -> (String, String)? {
        let markers = text.prefix { $0 == "*" || $0 == "#" || $0 == "-" }
        guard !markers.isEmpty, markers.count <= 10, text.dropFirst(markers.count).first == " " else { return nil }
        if markers.contains("-"), markers != "-" { return nil }
        return (String(markers), String(text.dropFirst(markers.count + 1)))
    }

    /// `{code}`, `{code:java}`, `{noformat}` in the line: what comes before, the tag, and what after.
    static func openingVerbatim(_ line: Substring) -> (Substring, String, Substring)? {
        for tag in ["code", "noformat"] {
            guard let start = line.range(of: "{\(tag)") else { continue }
            let rest = line[start.upperBound...]
            guard let first = rest.first, first == "}" || first == ":" else { continue }
            guard let close = rest.firstIndex(of: "}") else { continue }
            return (line[..<start.lowerBound], tag, rest[rest.index(after: close)...])
        }
        return nil
    }

    /// The `title=` of a `{panel:title=…|…}`.
    static func panelTitle(_ text: String) -> String? {
        guard let range = text.range(of: "title=") else { return nil }
        let title = text[range.upperBound...].prefix { $0 != "|" && $0 != "}" }
        return title.isEmpty ? nil : inline(String(title))
    }

    /// `||a||b||` or `|a|b|` as `a | b` (a `|` inside `[text|url]` is not a cell border).
    static func tableRow(_ text: String) -> String {
        var cells: [String] = []
        var current = ""
        var inLink = 0
        for c in text {
            if c == "[" { inLink += 1 }
            if c == "]", inLink > 0 { inLink -= 1 }
            if c == "|", inLink == 0 {
                cells.append(current)
                current = ""
            } else {
                current.append(c)
            }
        }
        cells.append(current)
        return cells.map { inline($0.trimmingCharacters(in: .whitespaces)) }.filter { !$0.isEmpty }
            .joined(separator: " | ")
    }

    /// Inline markup: escapes, line breaks, links, images, monospace, colour and effects.
    static func inline(_ text: String) -> String {
        let chars = Array(text)
        var out: [Character] = []
        // Characters written as they are: escaped marks and monospace text are never effects.
        var literal = Set<Int>()
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c == "\\", index + 1 < chars.count {
                if chars[index + 1] == "\\" {
                    out.append("\n")
                } else {
                    literal.insert(out.count)
                    out.append(chars[index + 1])
                }
                index += 2
                continue
            }
            if c == "{", index + 1 < chars.count, chars[index + 1] == "{",
                let end = chars.firstIndex(ofText: "}}", from: index + 2, within: 4096)
            {
                literal.formUnion(out.count..<(out.count + end - index - 2))
                out += chars[(index + 2)..<end]
                index = end + 2
                continue
            }
            if c == "{", let end = chars.firstIndex(ofText: "}", from: index + 1, within: 200),
                chars[(index + 1)..<end].allSatisfy({ $0.isLetter || $0.isNumber || ":=#|-_.".contains($0) })
            {
                // {color:red}, {color}, {anchor:x}: markup without text of its own.
                index = end + 1
                continue
            }
            if c == "[", let end = chars.firstIndex(ofText: "]", from: index + 1, within: 4096) {
                out += Array(link(String(chars[(index + 1)..<end])))
                index = end + 1
                continue
            }
            if c == "!", let end = chars.firstIndex(ofText: "!", from: index + 1, within: 1024), end > index + 1,
                !chars[(index + 1)..<end].contains(where: \.isWhitespace)
            {
                let name = String(chars[(index + 1)..<end]).split(separator: "|").first.map(String.init) ?? ""
                out += Array("[attachment: \(name)]")
                index = end + 1
                continue
            }
            out.append(c)
            index += 1
        }
        return String(stripEffects(out, literal: literal))
    }

    /// `[text|url]` → `text (url)`, `[~user]` → `@user`, `[^file]` → `[attachment: file]`, `[url]` → `url`.
    static func link(_ inner: String) -> String {
        if inner.hasPrefix("~") { return "@" + inner.dropFirst() }
        if inner.hasPrefix("^") { return "[attachment: \(inner.dropFirst())]" }
        let parts = inner.split(separator: "|", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return inner.hasPrefix("#") ? String(inner.dropFirst()) : inner }
        let label = stripEffects(Array(parts[0]))
        let url = parts[1]
        return String(label) == url ? url : "\(String(label)) (\(url))"
    }

    /// Removes effect marks that open before a word and close after one (`*bold*`, `_it_`, `-del-`,
    /// `+ins+`, `^sup^`, `~sub~`), in one pass; marks inside words (`snake_case`, `a-b`) stay.
    static func stripEffects(_ chars: [Character], literal: Set<Int> = []) -> [Character] {
        let marks: Set<Character> = ["*", "_", "+", "^", "~", "-"]
        var remove = Set<Int>()
        var opened: [Character: Int] = [:]
        func isWord(_ c: Character) -> Bool { c.isLetter || c.isNumber }
        for index in chars.indices where marks.contains(chars[index]) && !literal.contains(index) {
            let c = chars[index]
            let before = index > 0 ? chars[index - 1] : " "
            let after = index + 1 < chars.count ? chars[index + 1] : " "
            let canClose = !before.isWhitespace && !isWord(after) && before != c
            let canOpen = !isWord(before) && !after.isWhitespace && after != c
            if canClose, let start = opened[c], start < index - 1 {
                remove.insert(start)
                remove.insert(index)
                opened[c] = nil
            } else if canOpen {
                opened[c] = index
            }
        }
        guard !remove.isEmpty else { return chars }
        return chars.indices.filter { !remove.contains($0) }.map { chars[$0] }
    }
}
