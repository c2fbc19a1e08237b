// Inline Markdown: escapes, code spans, references, tags, emphasis, within one paragraph.
extension MarkdownText {
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
        // A link holds no other link: the brackets around one are text (an image may hold links).
        let linksBefore = linkStarts(chars, closing: closing, references: references)
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
            if c == "\\", index + 1 < chars.count, isEscapable(chars[index + 1]) {
                emit(String(chars[index + 1]))
                index += 2
                continue
            }
            if c == "[", closing[index] > index, linksBefore[closing[index]] > linksBefore[index + 1] {
                emit("[")
                index += 1
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
                emit(shown == url || url.isEmpty || textOnly ? shown : "\(shown) (\(url))")
                index = end
                continue
            }
            if c == "&", let reference = CharacterReference.decode(after: chars[(index + 1)...]) {
                emit(reference.text)
                index += reference.length + 1
                continue
            }
            if c == "\\", index + 1 < chars.count, chars[index + 1] == "\n" {
                // A backslash ending a line breaks it (ending the paragraph, it is text).
                index += 1
                continue
            }
            if c == "<", let end = autolinkEnd(chars, at: index) {
                emit(String(chars[(index + 1)..<(end - 1)]))
                index = end
                continue
            }
            if c == "<", let end = htmlTagEnd(chars, at: index) {
                // A line break tag still breaks the line and an image reads as in HTML; other tags and
                // comments go, the text between tags stays.
                let tag = String(chars[index..<end])
                let name = tag.dropFirst().prefix(while: isASCIIAlphanumeric).lowercased()
                if name == "br" {
                    emit("\n")
                } else if name == "img" {
                    emit(HTMLText.plainText(tag))
                }
                index = end
                continue
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
}
