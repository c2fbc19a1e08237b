/// Flattens Markdown (Linear descriptions and comments, ClickUp's `markdown_description`) to plain text:
/// heading markers and emphasis go, links read `text (url)`, images `[image: alt]`, code fences go but
/// their code stays, list markers and quotes stay as they read well in plain text.
public enum MarkdownText {
    /// The text of a Markdown document, without its markup.
    public static func plainText(_ markdown: String) -> String {
        var lines: [String] = []
        var inFence = false
        for rawLine in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = String(rawLine)
            if line.hasSuffix("\r") { line.removeLast() }
            let trimmed = line.drop(while: { $0 == " " })
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            if inFence {
                lines.append(line)
                continue
            }
            if trimmed.hasPrefix("#") {
                let text = trimmed.drop(while: { $0 == "#" })
                if text.isEmpty || text.first == " " {
                    line = String(text.drop(while: { $0 == " " }))
                    while line.hasSuffix("#") { line.removeLast() }
                    line = line.trimmingTrailingWhitespace()
                }
            }
            if ["---", "***", "___"].contains(String(trimmed).trimmingTrailingWhitespace()) {
                lines.append("---")
                continue
            }
            // Checklists: "- [ ] x" and "- [x] x" keep their boxes.
            lines.append(inline(line))
        }
        return lines.joined(separator: "\n").trimmingTrailingWhitespace()
    }

    /// Labels nested deeper than this inside link labels are kept as written (hostile input only).
    static let maxLinkNesting = 16
    /// The longest link destination looked for after `](`.
    static let maxURLLength = 4096

    /// Inline Markdown: links, images, emphasis, code spans, escapes. Linear in the text's length:
    /// brackets are matched and backticks found in one pass each, never by rescanning.
    static func inline(_ text: String, nesting: Int = 0) -> String {
        let chars = Array(text)
        let closing = matchingBrackets(chars)
        let nextTick = nextBackticks(chars)
        var out = ""
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c == "\\", index + 1 < chars.count, "\\`*_{}[]()#+-.!>~|".contains(chars[index + 1]) {
                out.append(chars[index + 1])
                index += 2
                continue
            }
            if c == "!" || c == "[",
                let (label, url, end) = link(chars, from: c == "!" ? index + 1 : index, closing: closing)
            {
                let shown = nesting < maxLinkNesting ? inline(label, nesting: nesting + 1) : label
                if c == "!" {
                    out += "[image: \(label.isEmpty ? url : label)]"
                } else if label == url || url.isEmpty {
                    out += shown
                } else {
                    out += "\(shown) (\(url))"
                }
                index = end
                continue
            }
            if c == "`" {
                let end = index + 1 < chars.count ? nextTick[index + 1] : chars.count
                if end < chars.count {
                    out += String(chars[(index + 1)..<end])
                    index = end + 1
                    continue
                }
            }
            if c == "*" || c == "~" || (c == "_" && isBoundary(chars, index)) {
                index += 1
                continue
            }
            out.append(c)
            index += 1
        }
        return out
    }

    static func isBoundary(_ chars: [Character], _ index: Int) -> Bool {
        let before = index > 0 ? chars[index - 1] : " "
        let after = index + 1 < chars.count ? chars[index + 1] : " "
        return !(before.isLetter || before.isNumber) || !(after.isLetter || after.isNumber)
    }

    /// For each `[`, the index of its matching `]` (-1 when it has none), found in one pass.
    static func matchingBrackets(_ chars: [Character]) -> [Int] {
        var closing = [Int](repeating: -1, count: chars.count)
        var openings: [Int] = []
        for (index, c) in chars.enumerated() {
            if c == "[" {
                openings.append(index)
            } else if c == "]", let start = openings.popLast() {
                closing[start] = index
            }
        }
        return closing
    }

    /// For each position, the index of the first backtick at or after it (`chars.count` when none).
    static func nextBackticks(_ chars: [Character]) -> [Int] {
        var next = [Int](repeating: chars.count, count: chars.count + 1)
        var index = chars.count - 1
        while index >= 0 {
            next[index] = chars[index] == "`" ? index : next[index + 1]
            index -= 1
        }
        return next
    }

    /// `[label](url)` starting at `start` (which holds `[`): the label, the url and the index after it.
    static func link(_ chars: [Character], from start: Int, closing: [Int]) -> (String, String, Int)? {
        guard start < chars.count, chars[start] == "[", closing[start] > start else { return nil }
        let close = closing[start]
        guard close + 1 < chars.count, chars[close + 1] == "(" else { return nil }
        var end = close + 2
        let limit = min(chars.count, end + maxURLLength)
        while end < limit, chars[end] != ")" { end += 1 }
        guard end < limit else { return nil }
        let label = String(chars[(start + 1)..<close])
        var url = String(chars[(close + 2)..<end])
        if let space = url.firstIndex(of: " ") { url = String(url[..<space]) }
        return (label, url, end + 1)
    }
}
