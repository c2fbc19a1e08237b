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
}
