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

    /// Inline Markdown: links, images, emphasis, code spans, escapes.
    static func inline(_ text: String) -> String {
        let chars = Array(text)
        var out = ""
        var index = 0
        while index < chars.count {
            let c = chars[index]
            if c == "\\", index + 1 < chars.count, "\\`*_{}[]()#+-.!>~|".contains(chars[index + 1]) {
                out.append(chars[index + 1])
                index += 2
                continue
            }
            if c == "!" || c == "[", let (label, url, end) = link(chars, from: c == "!" ? index + 1 : index) {
                if c == "!" {
                    out += "[image: \(label.isEmpty ? url : label)]"
                } else if label == url || url.isEmpty {
                    out += inline(label)
                } else {
                    out += "\(inline(label)) (\(url))"
                }
                index = end
                continue
            }
            if c == "`" {
                var end = index + 1
                while end < chars.count, chars[end] != "`" { end += 1 }
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

    /// `[label](url)` starting at `start` (which holds `[`): the label, the url and the index after it.
    static func link(_ chars: [Character], from start: Int) -> (String, String, Int)? {
        guard start < chars.count, chars[start] == "[" else { return nil }
        var depth = 0
        var close = start
        while close < chars.count {
            if chars[close] == "[" { depth += 1 }
            if chars[close] == "]" {
                depth -= 1
                if depth == 0 { break }
            }
            close += 1
        }
        guard close + 1 < chars.count, chars[close + 1] == "(" else { return nil }
        var end = close + 2
        while end < chars.count, chars[end] != ")" { end += 1 }
        guard end < chars.count else { return nil }
        let label = String(chars[(start + 1)..<close])
        var url = String(chars[(close + 2)..<end])
        if let space = url.firstIndex(of: " ") { url = String(url[..<space]) }
        return (label, url, end + 1)
    }
}
