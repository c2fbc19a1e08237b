import Foundation

// Links: inline and reference links, their definitions, bracket matching.
extension MarkdownText {
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
