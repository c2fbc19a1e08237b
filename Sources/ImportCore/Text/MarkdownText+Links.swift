import Foundation

// Links: inline and reference links, their definitions, bracket matching.
extension MarkdownText {
    /// A reference link's text, destination and end, for the `[` at `open`: `[text][label]`,
    /// `[label][]` or `[label]` whose label (case and whitespace aside) is defined.
    static func reference(_ chars: [Character], at open: Int, closing: [Int], references: [String: String]) -> (
        String, String, Int
    )? {
        guard !references.isEmpty, closing[open] > open else { return nil }
        let close = closing[open]
        var label = (open + 1)..<close
        var end = close + 1
        if end < chars.count, chars[end] == "[", closing[end] > end {
            if closing[end] > end + 1 { label = (end + 1)..<closing[end] }
            end = closing[end] + 1
        }
        guard label.count <= maxLabelLength, let url = references[referenceKey(String(chars[label]))] else {
            return nil
        }
        return (String(chars[(open + 1)..<close]), url, end)
    }

    /// An image's alt text as a reader sees it: the label's plain text, links and images inside it
    /// reduced to their own text.
    static func altText(_ label: String, references: [String: String]) -> String {
        inline(label, nesting: maxLinkNesting - 1, references: references, textOnly: true)
    }

    /// For each position, how many links (inline or reference, images aside) start before it.
    static func linkStarts(_ chars: [Character], closing: [Int], references: [String: String]) -> [Int] {
        var before = [Int](repeating: 0, count: chars.count + 1)
        for index in chars.indices {
            let starts =
                chars[index] == "[" && closing[index] > index && (index == 0 || chars[index - 1] != "!")
                && (inlineDestination(chars, after: closing[index]) != nil
                    || reference(chars, at: index, closing: closing, references: references) != nil)
            before[index + 1] = before[index] + (starts ? 1 : 0)
        }
        return before
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
            if c == "<", let end = autolinkEnd(chars, at: index) ?? htmlTagEnd(chars, at: index) {
                index = end
                continue
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

    /// `[label](url)` starting at `start` (which holds `[`): the label, the url and the index after it.
    static func link(_ chars: [Character], from start: Int, closing: [Int]) -> (String, String, Int)? {
        guard start < chars.count, chars[start] == "[", closing[start] > start else { return nil }
        let close = closing[start]
        guard let (url, end) = inlineDestination(chars, after: close) else { return nil }
        return (String(chars[(start + 1)..<close]), url, end)
    }

    /// The `(destination "title")` right after the `]` at `close`: the destination as shown and the
    /// index after the `)`.
    static func inlineDestination(_ chars: [Character], after close: Int) -> (String, Int)? {
        guard close + 1 < chars.count, chars[close + 1] == "(" else { return nil }
        var end = close + 2
        let limit = min(chars.count, end + maxURLLength)
        while end < limit, chars[end] == " " { end += 1 }
        var url = ""
        if end < limit, chars[end] == "<" {
            // <destination>: anything but a line break or an unescaped '>'.
            end += 1
            while end < limit, chars[end] != ">", chars[end] != "\n" {
                if chars[end] == "\\", end + 1 < limit, isEscapable(chars[end + 1]) { end += 1 }
                url.append(chars[end])
                end += 1
            }
            guard end < limit, chars[end] == ">" else { return nil }
            end += 1
        } else {
            // A bare destination: no spaces, parentheses balanced, escapes honoured.
            var depth = 0
            while end < limit, !isMarkdownWhitespace(chars[end]) {
                let c = chars[end]
                if c == "\\", end + 1 < limit, isEscapable(chars[end + 1]) {
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
        while end < limit, isMarkdownWhitespace(chars[end]) { end += 1 }
        if end < limit, chars[end] == "\"" || chars[end] == "'" || chars[end] == "(" {
            let closer: Character = chars[end] == "(" ? ")" : chars[end]
            end += 1
            while end < limit, chars[end] != closer {
                if chars[end] == "\\" { end += 1 }
                end += 1
            }
            guard end < limit else { return nil }
            end += 1
            while end < limit, isMarkdownWhitespace(chars[end]) { end += 1 }
        }
        guard end < limit, chars[end] == ")" else { return nil }
        return (shownDestination(url), end + 1)
    }
}
